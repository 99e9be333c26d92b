package io.upsilon.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that an {@link UpsilonNodeInitializer} initializes the database, so that beans which depend on
 * database initialization (JdbcTemplate, JPA's EntityManagerFactory, jOOQ, ...) are made after it. Registered in
 * {@code META-INF/spring.factories}, as Flyway's and Liquibase's detectors are.
 */
public class UpsilonDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(UpsilonNodeInitializer.class);
    }
}
