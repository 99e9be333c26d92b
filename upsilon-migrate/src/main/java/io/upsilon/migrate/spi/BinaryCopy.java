package io.upsilon.migrate.spi;

/** Walks PostgreSQL's {@code COPY} binary format without decoding values: signature, flags, tuples, trailer. */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private BinaryCopy() {
    }

    /**
     * The number of tuples.
     *
     * @throws IllegalStateException if the bytes are not a complete binary copy of {@code fields} columns
     */
    static int tuples(byte[] data, int length, int fields) {
        if (length == 0) {
            return 0; // an empty result: COPY wrote nothing at all
        }
        if (length < 21) {
            throw malformed("too short");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (data[i] != SIGNATURE[i]) {
                throw malformed("no binary COPY signature");
            }
        }
        int at = SIGNATURE.length + 4; // the flags field
        at += 4 + int32(data, at); // the header extension and its length
        int tuples = 0;
        while (true) {
            if (at + 2 > length) {
                throw malformed("no trailer");
            }
            int count = (short) ((data[at] & 0xff) << 8 | data[at + 1] & 0xff);
            at += 2;
            if (count == -1) {
                if (at != length) {
                    throw malformed("bytes after the trailer");
                }
                return tuples;
            }
            if (count != fields) {
                throw malformed("a tuple of " + count + " fields, expected " + fields);
            }
            for (int f = 0; f < count; f++) {
                if (at + 4 > length) {
                    throw malformed("a cut field");
                }
                int size = int32(data, at);
                at += 4 + Math.max(0, size); // -1 is NULL, with no bytes
            }
            if (at > length) {
                throw malformed("a cut value");
            }
            tuples++;
        }
    }

    private static int int32(byte[] data, int at) {
        return (data[at] & 0xff) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff;
    }

    private static IllegalStateException malformed(String what) {
        return new IllegalStateException("malformed binary COPY page: " + what);
    }
}
