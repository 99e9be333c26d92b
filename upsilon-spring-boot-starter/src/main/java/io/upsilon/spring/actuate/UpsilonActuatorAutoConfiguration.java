package io.upsilon.spring.actuate;

import io.upsilon.MaintenanceGate;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.spring.UpsilonAutoConfiguration;
import io.upsilon.spring.UpsilonConnections;
import io.upsilon.spring.UpsilonProperties;
import io.upsilon.spring.UpsilonStatus;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code upsilon} Actuator endpoint and health indicator, when Actuator is on the class path and the starter
 * made (or the application defined) a node.
 */
@AutoConfiguration(after = UpsilonAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean({UpsilonNode.class, MaintenanceGate.class, UpsilonConfig.class})
public class UpsilonActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    @ConditionalOnBean({UpsilonStatus.class, UpsilonConnections.class})
    public UpsilonEndpoint upsilonEndpoint(UpsilonStatus status, UpsilonConnections connections,
                                           UpsilonProperties properties) {
        return new UpsilonEndpoint(status, connections.backend().nodes(), connections.backend().maintenance(),
                properties.getControlToken());
    }

    @Bean
    @ConditionalOnMissingBean(name = "upsilonHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("upsilon")
    public UpsilonHealthIndicator upsilonHealthIndicator(UpsilonNode node, MaintenanceGate gate,
                                                         UpsilonConfig config) {
        return new UpsilonHealthIndicator(node, gate, config.softwareVersion());
    }
}
