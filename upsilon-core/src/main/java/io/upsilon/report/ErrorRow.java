package io.upsilon.report;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;

/**
 * A failure as reports show it: the CLI's {@code --json} {@code "error"} object, for a thrown error and for a failure
 * reported after the work ran (a drain that timed out, a mismatch).
 *
 * @param code     the {@link ErrorCode}'s name, or {@value #UNEXPECTED} for an error that is no
 *                 {@link UpsilonException} (a bug)
 * @param message  the one-line message
 * @param exitCode the command-line exit code: the code's {@link ErrorCode#exitCode()}, 1 when unexpected
 */
public record ErrorRow(String code, String message, int exitCode) {

    /** The code of an error that is no {@link UpsilonException}. */
    public static final String UNEXPECTED = "UNEXPECTED";

    /** The row of a failure of {@code code}. */
    public static ErrorRow of(ErrorCode code, String message) {
        return new ErrorRow(code.name(), message, code.exitCode());
    }

    /**
     * The row of {@code error}: an {@link UpsilonException} with the code {@link ErrorCode#of} gives it (an unreachable
     * database told from a failed upgrade), anything else as {@value #UNEXPECTED} with exit code 1.
     *
     * @param message the message to show, e.g. {@code error}'s on one line with secrets masked
     */
    public static ErrorRow of(Throwable error, String message) {
        return error instanceof UpsilonException u ? of(ErrorCode.of(u), message)
                : new ErrorRow(UNEXPECTED, message, 1);
    }
}
