package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Derives stable 64-bit advisory lock keys from the schema, table prefix and a name, so two clusters never clash. */
final class AdvisoryKeys {

    private AdvisoryKeys() {
    }

    static long key(PostgresSettings settings, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("upsilon:" + settings.schema() + ":"
                    + settings.tablePrefix() + ":" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The {@code pg_locks.classid} of a bigint advisory key (its high 32 bits). */
    static long classId(long key) {
        return key >>> 32;
    }

    /** The {@code pg_locks.objid} of a bigint advisory key (its low 32 bits). */
    static long objId(long key) {
        return key & 0xFFFFFFFFL;
    }
}
