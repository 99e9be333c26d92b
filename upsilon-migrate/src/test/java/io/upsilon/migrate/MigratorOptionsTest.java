package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Migrator.Options}: the arguments of a verification and a run are checked without a spec, each refusal naming
 * the argument as the options' {@link MigrationNames} do.
 */
class MigratorOptionsTest {

    private static final Migrator.Options OPTIONS = Migrator.Options.defaults().withNames(MigrationNames.options());

    private static String refusal(Runnable check) {
        UpsilonException e = catchThrowableOfType(check::run, UpsilonException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
        return e.getMessage();
    }

    @Test
    void maxKeysIsZeroToTheLimit() {
        assertThat(OPTIONS.maxKeys(0)).isZero();
        assertThat(OPTIONS.maxKeys(Migrator.Options.MAX_KEYS)).isEqualTo(100_000);
        assertThat(refusal(() -> OPTIONS.maxKeys(-1))).isEqualTo("--max-keys must be 0 to 100000, got -1");
        assertThat(refusal(() -> Migrator.Options.defaults().maxKeys(100_001)))
                .isEqualTo("maxKeys must be 0 to 100000, got 100001");
    }

    @Test
    void sinceIsEmptyWithoutAValueAndNeverBlank() {
        assertThat(OPTIONS.since(null)).isEmpty();
        assertThat(OPTIONS.since("2026-01-01 00:00:00+00")).isEqualTo(Optional.of("2026-01-01 00:00:00+00"));
        assertThat(refusal(() -> OPTIONS.since(" "))).isEqualTo("--since must not be blank; give an update time such"
                + " as '2026-01-01 00:00:00+00', or leave it out to start from the checkpoints");
    }
}
