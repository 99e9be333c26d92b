package io.upsilon.config;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;

/**
 * The {@code application_name} that tags a node's database sessions, {@code upsilon:NODE_ID}: the node table's
 * {@code terminateSessions} finds a fenced node's sessions by it. PostgreSQL keeps only printable ASCII (others
 * become '?') and at most 63 bytes of it, cut silently, so a node id that would not survive is refused up front.
 */
public final class NodeTag {

    /** What every node's tag starts with. */
    public static final String PREFIX = "upsilon:";

    /** PostgreSQL's limit on {@code application_name} (NAMEDATALEN - 1). */
    public static final int MAX_LENGTH = 63;

    private NodeTag() {
    }

    /**
     * The tag of {@code nodeId}, to set as the {@code application_name} of the node's sessions
     * ({@link Database#applicationName}).
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} if PostgreSQL would change the tag
     */
    public static String of(String nodeId) {
        String tag = PREFIX + nodeId;
        if (!tag.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "node id '" + nodeId + "' has characters other than"
                    + " printable ASCII, which PostgreSQL replaces in the session tag, so 'upsilon fence"
                    + " --terminate-sessions' could not find this node's sessions; pass a --node-id of letters,"
                    + " digits, '-' and '.'");
        }
        if (tag.length() > MAX_LENGTH) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "node id '" + nodeId + "' is " + nodeId.length()
                    + " characters long; PostgreSQL would cut its session tag '" + PREFIX + "...' at " + MAX_LENGTH
                    + " characters, so 'upsilon fence --terminate-sessions' could not find this node's sessions;"
                    + " pass a --node-id of at most " + (MAX_LENGTH - PREFIX.length()) + " characters");
        }
        return tag;
    }
}
