package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link ContinuousMigration.Builder#check()}: the settings are refused before any store is opened, each message
 * naming the setting as the front end's {@link MigrationNames} does.
 */
class ContinuousBuilderTest {

    /** A front end's names: options for the settings, the library's phrases for the rest. */
    static final MigrationNames OPTIONS = term -> switch (term) {
        case MAX_LAG_ROWS -> "--max-lag-rows";
        case DRAIN -> "--drain-timeout";
        case NEW_LOCATION -> "--new-location";
        case MAINTENANCE_CUTOVER -> "--cutover maintenance";
        case MANUAL_CUTOVER -> "--cutover manual";
        default -> term.defaultName();
    };

    private static String refusal(UnaryOperator<ContinuousMigration.Builder> settings) {
        UpsilonException e = catchThrowableOfType(() -> settings.apply(ContinuousMigration.builder().names(OPTIONS))
                .check(), UpsilonException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
        return e.getMessage();
    }

    @Test
    void eachSettingOutOfRangeIsNamedWithWhatItMustBe() {
        assertThat(refusal(b -> b.maxLagRows(-1))).isEqualTo("--max-lag-rows must be 0 or more, got -1");
        assertThat(refusal(b -> b.maxRuns(0))).isEqualTo("maxRuns must be 1 or more, got 0");
        assertThat(refusal(b -> b.pause(Duration.ofMillis(-1_500)))).isEqualTo("pause must be 0 to 3600 seconds,"
                + " got -1.5");
        assertThat(refusal(b -> b.pause(Duration.ofHours(2)))).endsWith("got 7200.0");
        assertThat(refusal(b -> b.pauseSeconds(Double.NaN))).isEqualTo("pause must be 0 to 3600 seconds, got NaN");
        assertThat(refusal(b -> b.pauseSeconds(Double.POSITIVE_INFINITY))).endsWith("got Infinity");
        assertThat(refusal(b -> b.pauseSeconds(-0.25))).endsWith("got -0.25");
        assertThat(refusal(b -> b.maintenance("public").drain(Duration.ofSeconds(-5))))
                .isEqualTo("--drain-timeout must be 0 or more seconds, got -5");
        assertThat(refusal(b -> b.maxKeys(100_001))).isEqualTo("maxKeys must be 0 to 100000, got 100001");
        assertThat(refusal(b -> b.switchCommand("./switch.sh", Duration.ZERO, line -> { })))
                .isEqualTo("switchTimeout must be 1 or more seconds, got 0");
        assertThat(refusal(b -> b.switchCommand(" ", Duration.ofSeconds(5), line -> { })))
                .startsWith("switchCommand is blank; give the command that points the clients at the new cluster");
    }

    @Test
    void theWindowsSettingsNeedTheMaintenanceCutOver() {
        assertThat(refusal(b -> b.newLocation("https://b.example"))).isEqualTo("--new-location needs a non-blank"
                + " address and --cutover maintenance: it is kept in the old cluster's retired window, which --cutover"
                + " manual does not open");
        assertThat(refusal(b -> b.maintenance("public").newLocation(" "))).startsWith("--new-location needs a"
                + " non-blank address");
        assertThat(refusal(b -> b.drain(Duration.ofSeconds(5)))).isEqualTo("--drain-timeout only applies to"
                + " --cutover maintenance; with --cutover manual nothing is drained, so leave it out");
    }

    @Test
    void goodSettingsPassWithoutAMigratorButBuildingNeedsOne() {
        ContinuousMigration.Builder builder = ContinuousMigration.builder().maintenance("public")
                .drain(Duration.ZERO).newLocation("https://b.example").switchCommand(null, Duration.ofSeconds(1),
                        line -> { }).pause(Duration.ofHours(1)).maxLagRows(0).maxKeys(0);
        assertThat(builder.check()).isSameAs(builder);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("migrat");
        assertThatThrownBy(builder::plan).isInstanceOf(IllegalStateException.class);
    }
}
