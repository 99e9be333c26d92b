package io.upsilon;

/**
 * The one unchecked exception Upsilon throws. Its message is a single line that names the problem and the remedy;
 * its {@link #code()} says what kind of failure it is and maps to an exit code and an HTTP status.
 */
public class UpsilonException extends RuntimeException {

    private final ErrorCode code;

    public UpsilonException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public UpsilonException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
