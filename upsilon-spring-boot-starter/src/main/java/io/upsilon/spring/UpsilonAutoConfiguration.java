package io.upsilon.spring;

import io.upsilon.CompatibilityWindow;
import io.upsilon.MaintenanceGate;
import io.upsilon.Manifest;
import io.upsilon.UpgradeCallback;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Upsilon for a Spring Boot service: from the application's {@code DataSource} and the {@code upsilon.*}
 * properties, a node that upgrades the data on start-up (before the beans that need the data), readiness that
 * follows the data version, and the maintenance gate in front of the application's routes. Every bean backs off
 * when the application defines its own; {@code upsilon.enabled=false} turns it all off.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "upsilon", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(UpsilonProperties.class)
public class UpsilonAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public UpsilonConnections upsilonConnections(DataSource dataSource, UpsilonProperties properties) {
        PostgresSettings settings = PostgresSettings.builder().schema(properties.getPostgres().getSchema())
                .tablePrefix(properties.getPostgres().getTablePrefix())
                .lockTimeout(properties.getPostgres().getLockTimeout()).build();
        Optional<PGSimpleDataSource> session = SessionDataSources.derive(dataSource, properties);
        return new UpsilonConnections(PostgresBackend.create(dataSource, settings),
                session.map(ds -> PostgresBackend.create(ds, settings)),
                session.map(PGSimpleDataSource::getPassword).or(() -> Optional.ofNullable(properties.getPassword())),
                dataSource.getClass().getName());
    }

    @Bean
    @ConditionalOnMissingBean
    public Manifest upsilonManifest(UpsilonProperties properties) {
        return StarterSettings.manifest(properties.getManifest(), getClass().getClassLoader());
    }

    @Bean
    @ConditionalOnMissingBean
    public UpsilonEvents upsilonEvents() {
        return new UpsilonEvents();
    }

    @Bean
    @ConditionalOnMissingBean
    public UpsilonConfig upsilonConfig(UpsilonProperties properties, Manifest manifest, UpsilonConnections connections,
                                       UpsilonEvents events,
                                       ObjectProvider<BuildProperties> buildProperties,
                                       ObjectProvider<UpgradeCallback> callbacks) {
        Version software = StarterSettings.softwareVersion(properties.getSoftwareVersion(),
                buildProperties.getIfAvailable(), manifest);
        // the lock needs the node id, so the default id is chosen here rather than by the builder
        String nodeId = properties.getNodeId() != null ? properties.getNodeId() : UpsilonConfig.defaultNodeId();
        UpsilonConfig.Builder builder = UpsilonConfig.builder().manifest(manifest).softwareVersion(software)
                .store(connections.backend().store()).nodeId(nodeId)
                .lock(connections.lock(properties.getLock(), nodeId)).redact(connections.passwordMask())
                .callback(events);
        callbacks.orderedStream().filter(c -> c != events).forEach(builder::callback);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public Upsilon upsilon(UpsilonConfig config) {
        return Upsilon.create(config);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public UpsilonNode upsilonNode(UpsilonConfig config, UpsilonConnections connections,
                                   UpsilonProperties properties) {
        UpsilonNode.Builder builder = UpsilonNode.builder(config).registry(connections.backend().nodes())
                .feed(connections.feed()).pollInterval(properties.getPollInterval());
        List<String> window = properties.getCompatibilityWindow();
        if (!window.isEmpty()) {
            builder.window(CompatibilityWindow.of(window.stream().map(Version::parse).toList()));
        }
        if (properties.isExitOnFence()) {
            builder.exitOnFence();
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public MaintenanceGate upsilonMaintenanceGate(UpsilonConnections connections, UpsilonProperties properties,
                                                  UpsilonConfig config) {
        config.store().prepare(); // the gate reads the maintenance table at once; on a new database it is not there
        return MaintenanceGate.create(connections.backend().maintenance(), connections.feed(),
                properties.getGate().getMaxWait(), properties.getPollInterval()).start();
    }

    @Bean
    @ConditionalOnMissingBean
    public UpsilonNodeInitializer upsilonNodeInitializer(UpsilonNode node, UpsilonEvents events,
                                                         UpsilonProperties properties) {
        return new UpsilonNodeInitializer(node, events, properties.getStartupWait());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(ApplicationAvailability.class)
    public UpsilonReadiness upsilonReadiness(UpsilonNode node, MaintenanceGate gate, UpsilonEvents events,
                                             ApplicationEventPublisher publisher,
                                             ApplicationAvailability availability) {
        return new UpsilonReadiness(node, gate, events, publisher, availability, Duration.ofMillis(100));
    }

    @Bean
    @ConditionalOnMissingBean
    public UpsilonStatus upsilonStatus(Upsilon upsilon, UpsilonNode node, UpsilonConnections connections) {
        return new UpsilonStatus(upsilon, node, connections.backend().nodes(), connections.backend().maintenance());
    }

    /** The gate and write guard as a servlet filter, in servlet web applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"jakarta.servlet.Filter", "org.springframework.web.filter.OncePerRequestFilter"})
    @ConditionalOnProperty(prefix = "upsilon.gate", name = "enabled", havingValue = "true", matchIfMissing = true)
    static class GateFilterConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "upsilonGateFilter")
        FilterRegistrationBean<UpsilonGateFilter> upsilonGateFilter(MaintenanceGate gate, UpsilonNode node,
                                                                    UpsilonProperties properties) {
            FilterRegistrationBean<UpsilonGateFilter> registration = new FilterRegistrationBean<>(
                    new UpsilonGateFilter(gate, node, properties.getGate().getExcludedPaths()));
            registration.setUrlPatterns(properties.getGate().getUrlPatterns());
            registration.setName("upsilonGateFilter");
            return registration;
        }
    }
}
