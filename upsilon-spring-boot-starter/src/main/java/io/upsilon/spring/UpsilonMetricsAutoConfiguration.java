package io.upsilon.spring;

import io.upsilon.MaintenanceGate;
import io.upsilon.micrometer.UpsilonMetrics;
import io.upsilon.micrometer.UpsilonMigrationMetrics;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link UpsilonMetrics} as a bean when Micrometer is on the class path: an {@code UpgradeCallback} (so the
 * auto-configured {@code UpsilonConfig} feeds it) and a {@code MeterBinder} (so Spring Boot binds it to every
 * registry). Runs before {@link UpsilonAutoConfiguration} so the config can pick the callback up.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = UpsilonAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "upsilon", name = "enabled", havingValue = "true", matchIfMissing = true)
public class UpsilonMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public UpsilonMetrics upsilonMetrics(ObjectProvider<MaintenanceGate> gate) {
        // looked up when a gauge is read: the gate is made after the config that this callback goes into
        return new UpsilonMetrics().maintenance(() -> {
            MaintenanceGate g = gate.getIfAvailable();
            return g == null ? Optional.empty() : g.window();
        });
    }

    /** Side-by-side migration progress, when upsilon-migrate is on the class path: pass it to the Migrator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.upsilon.migrate.MigrationListener")
    static class MigrationMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        UpsilonMigrationMetrics upsilonMigrationMetrics() {
            return new UpsilonMigrationMetrics();
        }
    }
}
