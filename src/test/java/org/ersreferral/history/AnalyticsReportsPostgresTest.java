package org.ersreferral.history;

import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.ThrowawayPostgres;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analyst reports on PostgreSQL, where the time arithmetic is written differently: the same
 * known history must give the same answers. Uses a throw-away database on the local server
 * ({@code PG_URL}, default 127.0.0.1:5432, user postgres).
 */
@ExtendWith(ThrowawayPostgres.DropAfterAll.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AnalyticsReportsPostgresTest extends AnalyticsReportsTest {

    static final ThrowawayPostgres DATABASE = new ThrowawayPostgres("ers_analytics_test_");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.create(registry);
        registry.add("referral.security.demo-password", () -> LiveApplication.POSTGRES_DEMO_PASSWORD);
    }
}
