package org.ersreferral.history;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ersreferral.lifecycle.LiveApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analyst reports on PostgreSQL, where the time arithmetic is written differently: the same
 * known history must give the same answers. Uses a throw-away database on the local server
 * ({@code PG_URL}, default 127.0.0.1:5432, user postgres).
 */
@ExtendWith(AnalyticsReportsPostgresTest.DropDatabaseAfterAll.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AnalyticsReportsPostgresTest extends AnalyticsReportsTest {

    static final String SERVER = System.getenv().getOrDefault("PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getenv().getOrDefault("PG_USER", "postgres");
    static final String DATABASE = "ers_analytics_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
            admin.createStatement().execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException unreachable) {
            String reason = "PostgreSQL not reachable at " + SERVER + " as " + USER + ": " + unreachable.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        registry.add("spring.datasource.url", () -> SERVER + DATABASE);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("referral.security.demo-password", () -> LiveApplication.POSTGRES_DEMO_PASSWORD);
    }

    /**
     * Drops the throw-away database once the application is closed: registered before Spring's
     * extension, its afterAll runs after Spring's, which closes the dirtied context.
     */
    static final class DropDatabaseAfterAll implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) throws SQLException {
            try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            }
        }
    }
}
