package io.upsilon.spring;

import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;

/**
 * Upsilon's own non-pooled data source, copied from the application's (URL, user, password, as Spring Boot's
 * Liquibase support derives its own), with {@code upsilon.url}, {@code upsilon.user} and {@code upsilon.password}
 * taking precedence.
 */
final class SessionDataSources {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDataSources.class);

    private SessionDataSources() {
    }

    /** Empty when the application's data source is of a kind Spring Boot cannot read and no URL was given. */
    static Optional<PGSimpleDataSource> derive(DataSource application, UpsilonProperties properties) {
        DataSourceBuilder<?> builder;
        if (properties.getUrl() != null) {
            builder = DataSourceBuilder.create(SessionDataSources.class.getClassLoader()).url(properties.getUrl());
        } else {
            try {
                builder = DataSourceBuilder.derivedFrom(application);
            } catch (RuntimeException e) {
                LOG.info("Upsilon cannot copy the settings of a {} for connections of its own ({}); set upsilon.url"
                        + " for them", application.getClass().getName(), e.getMessage());
                return Optional.empty();
            }
        }
        if (properties.getUser() != null) {
            builder.username(properties.getUser());
        }
        if (properties.getPassword() != null) {
            builder.password(properties.getPassword());
        }
        try {
            return Optional.of(builder.type(PGSimpleDataSource.class).build());
        } catch (RuntimeException e) {
            LOG.info("Upsilon cannot make connections of its own from a {} ({}); set upsilon.url for them",
                    application.getClass().getName(), e.getMessage());
            return Optional.empty();
        }
    }
}
