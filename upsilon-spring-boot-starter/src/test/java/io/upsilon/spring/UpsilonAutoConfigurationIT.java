package io.upsilon.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upsilon.MaintenanceGate;
import io.upsilon.NodeState;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.micrometer.UpsilonMetrics;
import io.upsilon.micrometer.UpsilonMigrationMetrics;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spring.actuate.UpsilonActuatorAutoConfiguration;
import io.upsilon.spring.actuate.UpsilonEndpoint;
import io.upsilon.spring.actuate.UpsilonHealthIndicator;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The auto-configuration in application contexts of its own, each on a database of its own. */
class UpsilonAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class,
                    UpsilonMetricsAutoConfiguration.class, UpsilonAutoConfiguration.class,
                    EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class, UpsilonActuatorAutoConfiguration.class))
            .withPropertyValues("upsilon.poll-interval=200ms", "management.endpoints.web.exposure.include=*");

    private static String[] database(TestDatabase db) {
        return new String[] {"spring.datasource.url=jdbc:postgresql://localhost:" + db.port() + "/" + db.name(),
                "spring.datasource.username=postgres"};
    }

    @Test
    void propertiesAreBoundAndTheNodeUpgradesOnStartUp() {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withPropertyValues(database(db)).withPropertyValues("upsilon.node-id=node-a",
                "upsilon.software-version=1.0.0", "upsilon.lock=lease", "upsilon.compatibility-window=1.0.0,1.1.0",
                "upsilon.poll-interval=300ms", "upsilon.gate.max-wait=3s").run(context -> {
                    assertThat(context).hasNotFailed();
                    UpsilonConfig config = context.getBean(UpsilonConfig.class);
                    assertThat(config.nodeId()).isEqualTo("node-a");
                    assertThat(config.softwareVersion()).isEqualTo(Version.parse("1.0.0"));
                    assertThat(config.lock().kind()).isEqualTo("lease");
                    UpsilonNode node = context.getBean(UpsilonNode.class);
                    assertThat(node.window().versions()).containsExactly(Version.parse("1.0.0"),
                            Version.parse("1.1.0"));
                    // the initializer ran this node's upgrade while the context started
                    assertThat(node.state()).isEqualTo(NodeState.READY);
                    assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("1.0.0");
                    assertThat(context.getBean(MaintenanceGate.class).retryAfter()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void beansThatNeedTheDataAreMadeAfterTheUpgrade() {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withPropertyValues(database(db)).withUserConfiguration(GreetingReader.class).run(context -> {
            assertThat(context).hasNotFailed();
            // read in the bean's constructor: the table exists only if the upgrade ran first
            assertThat(context.getBean(GreetingReader.class).firstGreeting).isEqualTo("hello en");
        });
    }

    @Test
    void anUpgradeLongerThanTheStartupWaitGoesOnInTheBackground() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withPropertyValues(database(db)).withPropertyValues("upsilon.software-version=1.0.0")
                .run(context -> assertThat(context.getBean(UpsilonNode.class).state()).isEqualTo(NodeState.READY));
        try (Connection reader = db.dataSource().getConnection(); Statement s = reader.createStatement()) {
            // a long reading transaction holds 1.1.0's ALTER TABLE back
            reader.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM greeting").close();
            runner.withPropertyValues(database(db)).withPropertyValues("upsilon.startup-wait=300ms",
                    "upsilon.postgres.lock-timeout=60s").run(context -> {
                        assertThat(context).hasNotFailed();
                        UpsilonNode node = context.getBean(UpsilonNode.class);
                        // the context started although the upgrade cannot finish before the reader ends
                        assertThat(node.state()).isNotEqualTo(NodeState.READY);
                        assertThat(node.awaitState(NodeState.UPGRADING, Duration.ofSeconds(30))).isTrue();
                        reader.rollback();
                        assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
                        assertThat(node.dataVersion()).contains(Version.parse("1.1.0"));
                    });
        }
    }

    @Test
    void theDatabasePasswordIsMaskedInAFailedTasksHistoryRow(@TempDir Path dir) throws Exception {
        TestDatabase db = PostgresFixture.newDatabase(); // trust authentication: any password connects
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql/quote.sql"), "SELECT 'pw-Hunter2-pw'::int;");
        Files.writeString(dir.resolve("upsilon.tasks"), "1.0\n  - sql/quote.sql\n");
        runner.withPropertyValues(database(db)).withPropertyValues("spring.datasource.password=pw-Hunter2-pw",
                "upsilon.manifest=file:" + dir.resolve("upsilon.tasks")).run(context -> {
                    assertThat(context).hasNotFailed();
                    // the failed upgrade does not block the start-up: the node stays not ready and retries later
                    assertThat(context.getBean(UpsilonNode.class).state()).isEqualTo(NodeState.UP);
                    Object error = db.queryOne("SELECT error FROM upsilon_history WHERE task = 'sql/quote.sql'");
                    assertThat(error).asString().contains("invalid input syntax").doesNotContain("Hunter2");
                    assertThat(context.getBean(UpsilonEndpoint.class).status().toString()).doesNotContain("Hunter2");
                });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnBeans() {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withPropertyValues(database(db)).withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(UpsilonConfig.class).nodeId()).isEqualTo("own-node");
            assertThat(context.getBean(MaintenanceGate.class)).isSameAs(context.getBean("ownGate"));
            assertThat(context.getBean(UpsilonMetrics.class)).isSameAs(context.getBean("ownMetrics"));
            assertThat(context).hasSingleBean(UpsilonNode.class).hasSingleBean(Upsilon.class);
            // the node was still started, from the application's config
            assertThat(context.getBean(UpsilonNode.class).state()).isEqualTo(NodeState.READY);
        });
    }

    @Test
    void disabledMakesNothingAndTouchesNoTable() {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withPropertyValues(database(db)).withPropertyValues("upsilon.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(UpsilonNode.class).doesNotHaveBean(UpsilonConfig.class)
                    .doesNotHaveBean(UpsilonMetrics.class).doesNotHaveBean(UpsilonEndpoint.class)
                    .doesNotHaveBean(UpsilonHealthIndicator.class).doesNotHaveBean(UpsilonReadiness.class);
            assertThat(db.queryOne("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'upsilon%'")).isEqualTo(0L);
        });
    }

    @Test
    void worksWithoutActuatorOrMicrometerOnTheClassPath() {
        TestDatabase db = PostgresFixture.newDatabase();
        new ApplicationContextRunner()
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer"))
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        ApplicationAvailabilityAutoConfiguration.class, UpsilonMetricsAutoConfiguration.class,
                        UpsilonAutoConfiguration.class, UpsilonActuatorAutoConfiguration.class))
                .withPropertyValues(database(db)).run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(UpsilonNode.class)
                            .hasSingleBean(UpsilonReadiness.class).doesNotHaveBean(UpsilonEndpoint.class)
                            .doesNotHaveBean(UpsilonHealthIndicator.class).doesNotHaveBean(UpsilonMetrics.class)
                            .doesNotHaveBean(UpsilonMigrationMetrics.class);
                    assertThat(context.getBean(UpsilonNode.class).state()).isEqualTo(NodeState.READY);
                });
    }

    @Test
    void actuatorBeansAndMetricsWhenPresent() {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withPropertyValues(database(db)).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(UpsilonEndpoint.class)
                            .hasSingleBean(UpsilonHealthIndicator.class).hasSingleBean(UpsilonMetrics.class)
                            .hasSingleBean(UpsilonMigrationMetrics.class);
                    assertThat(context.getBean(UpsilonEndpoint.class).status()).containsKeys("node", "lock", "nodes",
                            "maintenance", "history");
                    assertThat(context.getBean(UpsilonHealthIndicator.class).health().getStatus().getCode())
                            .isEqualTo("UP");
                });
    }

    @Test
    void controlOperationsNeedTheConfiguredToken() {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withPropertyValues(database(db)).run(context -> {
            assertThat(context.getBean(UpsilonEndpoint.class).control("maintenance-enter", "x", null, null)
                    .getStatus()).isEqualTo(404);
        });
        runner.withPropertyValues(database(db)).withPropertyValues("upsilon.control-token=s3cret").run(context -> {
            UpsilonEndpoint endpoint = context.getBean(UpsilonEndpoint.class);
            assertThat(endpoint.control("maintenance-enter", null, "r", null).getStatus()).isEqualTo(403);
            assertThat(endpoint.control("maintenance-enter", "wrong", "r", null).getStatus()).isEqualTo(403);
            assertThat(endpoint.control("reboot", "s3cret", null, null).getStatus()).isEqualTo(400);
            assertThat(endpoint.control("fence", "s3cret", null, "not a version").getStatus()).isEqualTo(400);
            assertThat(db.queryOne("SELECT count(*) FROM upsilon_maintenance")).isEqualTo(0L);

            assertThat(endpoint.control("maintenance-enter", "s3cret", "reindex", null).getStatus()).isEqualTo(200);
            assertThat(db.queryOne("SELECT reason FROM upsilon_maintenance")).isEqualTo("reindex");
            assertThat(endpoint.control("maintenance-exit", "s3cret", null, null).getBody()).containsEntry("closed",
                    true);
            assertThat(endpoint.control("fence", "s3cret", null, "9.0").getBody().get("fenced").toString())
                    .contains(context.getBean(UpsilonConfig.class).nodeId());
        });
    }

    @Test
    void advisoryLockNeedsAConnectionOfItsOwn() {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withBean(DataSource.class, () -> new Wrapped(db.dataSource())).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(Wrapped.class.getName())
                    .hasMessageContaining("set upsilon.url").hasMessageContaining("upsilon.lock=lease");
        });
        runner.withBean(DataSource.class, () -> new Wrapped(db.dataSource())).withPropertyValues("upsilon.lock=lease")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(UpsilonConnections.class).hasSessionDataSource()).isFalse();
                    assertThat(context.getBean(UpsilonNode.class).state()).isEqualTo(NodeState.READY);
                });
    }

    @Test
    void theAdvisoryLockGetsNonPooledConnectionsCopiedFromThePool() {
        TestDatabase db = PostgresFixture.newDatabase();
        runner.withPropertyValues(database(db)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(UpsilonConnections.class).hasSessionDataSource()).isTrue();
            assertThat(context.getBean(UpsilonConfig.class).lock().kind()).isEqualTo("advisory");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class GreetingReader {
        final String firstGreeting;

        GreetingReader(JdbcTemplate jdbc) {
            this.firstGreeting = jdbc.queryForObject("SELECT text || ' ' || language FROM greeting ORDER BY id LIMIT 1",
                    String.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        UpsilonMetrics ownMetrics() {
            return new UpsilonMetrics();
        }

        @Bean
        UpsilonConfig ownConfig(DataSource dataSource, io.upsilon.Manifest manifest, UpsilonEvents events) {
            PostgresBackend backend = PostgresBackend.create(dataSource);
            return UpsilonConfig.builder().manifest(manifest).store(backend.store()).nodeId("own-node")
                    .lock(backend.lock(PostgresBackend.LockKind.LEASE, "own-node")).callback(events).build();
        }

        @Bean
        MaintenanceGate ownGate(DataSource dataSource) {
            PostgresBackend backend = PostgresBackend.create(dataSource);
            return MaintenanceGate.create(backend.maintenance(), backend.feed(), Duration.ofSeconds(1),
                    Duration.ofSeconds(1)).start();
        }
    }

    /** A DataSource of a kind Spring Boot cannot copy settings from. */
    static final class Wrapped implements DataSource {
        private final DataSource target;

        Wrapped(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return target.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

}
