package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.fixtures.TestBackendProvider;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void findsABackendRegisteredThroughServiceLoaderByItsScheme() {
        assertThat(Backends.forUrl("jdbc:testdb://host:1/db?user=u")).isInstanceOf(TestBackendProvider.class);
        assertThat(Backends.forUrl("JDBC:TestDB:mem")).isInstanceOf(TestBackendProvider.class);
        assertThat(Backends.providers()).hasExactlyElementsOfTypes(TestBackendProvider.class);
    }

    @Test
    void anUnknownSchemeIsOneLineNamingTheSchemeTheBackendsFoundAndTheModulesThatProvideThem() {
        assertThatThrownBy(() -> Backends.forUrl("jdbc:mysql://db:3306/app?user=u&password=s3cret"))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_BACKEND))
                .hasMessage("no backend for JDBC URLs of scheme 'jdbc:mysql:': the class path has TestDB"
                        + " (jdbc:testdb:); add the backend's module to the class path (upsilon-postgres for"
                        + " jdbc:postgresql:)");
    }

    @Test
    void aTextThatIsNoUrlIsNotEchoed() {
        assertThatThrownBy(() -> Backends.forUrl("password=s3cret")).hasMessageContaining("scheme '(none)'")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Backends.forUrl("postgres://u:s3cret@db/app")).hasMessageContaining("'postgres:'")
                .hasMessageContaining("not a JDBC URL").hasMessageNotContaining("s3cret");
    }
}
