package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.migrate.MigrationNames.Term;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link MigrationNames}: the defaults, the command line's options, one term changed; and the spec's passwords. */
class MigrationNamesTest {

    @Test
    void theDefaultsAreTheBuildersNamesAndTheOptionsAreKebabCase() {
        assertThat(MigrationNames.DEFAULT.of(Term.MAX_LAG_ROWS)).isEqualTo("maxLagRows");
        MigrationNames options = MigrationNames.options();
        assertThat(options.of(Term.MAX_LAG_ROWS)).isEqualTo("--max-lag-rows");
        assertThat(options.of(Term.SINCE)).isEqualTo("--since");
        assertThat(options.of(Term.SWITCH_TIMEOUT)).isEqualTo("--switch-timeout");
        assertThat(options.of(Term.EXIT_OLD)).as("not a setting").isEqualTo(Term.EXIT_OLD.defaultName());
        assertThat(Arrays.stream(Term.values()).filter(Term::setting)).as("every setting has a builder-like name")
                .allSatisfy(t -> assertThat(t.defaultName()).matches("[a-z][A-Za-z]*"));
    }

    @Test
    void withChangesOneTermAndKeepsTheRest() {
        MigrationNames cli = MigrationNames.options().with(Term.DRAIN, "--drain-timeout")
                .with(Term.EXIT_OLD, "'upsilon maintenance exit --url jdbc:postgresql://old/app'");
        assertThat(cli.of(Term.DRAIN)).isEqualTo("--drain-timeout");
        assertThat(cli.of(Term.EXIT_OLD)).isEqualTo("'upsilon maintenance exit --url jdbc:postgresql://old/app'");
        assertThat(cli.of(Term.MAX_RUNS)).isEqualTo("--max-runs");
        assertThat(MigrationNames.options().of(Term.DRAIN)).as("the original is unchanged").isEqualTo("--drain");
    }

    @Test
    void theSpecsPasswordsAreThoseItsVariablesHold() {
        MigrationSpec spec = new MigrationSpec(new MigrationSpec.Endpoint("jdbc:postgresql://old/app", null, "u",
                "OLD_PW"), new MigrationSpec.Endpoint(null, "http://new", null, null), java.time.Duration.ZERO,
                java.util.List.of());
        assertThat(spec.passwords(Map.of("OLD_PW", "s3cret", "OTHER", "x"))).containsExactly("s3cret");
        assertThat(spec.passwords(Map.of())).as("an unset variable is refused when the stores open").isEmpty();
    }
}
