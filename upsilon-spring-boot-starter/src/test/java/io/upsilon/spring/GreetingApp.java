package io.upsilon.spring;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tiny service for the starter's full-context tests: one route reading the table the manifest creates. */
@SpringBootApplication
public class GreetingApp {

    @RestController
    static class Greetings {
        private final JdbcTemplate jdbc;

        Greetings(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping("/greetings")
        Map<String, Object> first() {
            return jdbc.queryForMap("SELECT text, language FROM greeting ORDER BY id LIMIT 1");
        }
    }
}
