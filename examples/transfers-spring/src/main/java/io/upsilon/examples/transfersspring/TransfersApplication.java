package io.upsilon.examples.transfersspring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The transfers service on Spring Boot: Spring MVC and JdbcTemplate, and the Upsilon starter, which upgrades the
 * data on start-up and keeps {@code /actuator/health/readiness} in step with the data version. Run it with
 * {@code --spring.datasource.url=jdbc:postgresql://...} and {@code --upsilon.software-version=1.0.0|1.0.1}.
 */
@SpringBootApplication
public class TransfersApplication {

    public static void main(String[] args) {
        SpringApplication.run(TransfersApplication.class, args);
    }
}
