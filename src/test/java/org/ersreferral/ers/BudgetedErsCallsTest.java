package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's requests go through the shared call budget (on H2): counted before sending, paused by a 429. */
class BudgetedErsCallsTest extends ErsClientTestSupport {

    private static final String REFERRAL = "/STU3/ReferralRequest/000000070000";

    private HikariDataSource database;
    private FeignErsClient budgeted;

    @BeforeEach
    void budgetedClient() {
        database = new HikariDataSource();
        database.setJdbcUrl("jdbc:h2:mem:budgeted-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database.setUsername("sa");
        DatabaseErsCallBudgetTest.createTables(database);
        ErsCallBudget budget = new DatabaseErsCallBudget(database, 1, Duration.ofSeconds(2), ErsBudgetObserver.NONE);
        ErsProperties properties = properties("REFERRING_CLINICIAN", null, Duration.ofSeconds(5));
        ErsHttp http = new ErsHttp(properties, FHIR, ErsAuthentication.bearer(ErsAccessTokenProvider.staticToken(TOKEN)),
                ErsCallObserver.NONE, budget);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        budgeted = new FeignErsClient(http, new ReferenceDataService(http, properties, clock), properties, clock);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void aSecondCallOverTheBudgetIsSentAtItsTurnASecondLater() throws Exception {
        server.onFhir("GET", REFERRAL, 200, example("stu3/retrieveReferralRequest/responses/Unbooked.json"));
        long started = System.nanoTime();

        budgeted.retrieveReferral(CALL, "000000070000");
        budgeted.retrieveReferral(CALL, "000000070000");

        assertThat(server.requests()).hasSize(2);
        assertThat((System.nanoTime() - started) / 1_000_000).as("1 a second").isGreaterThanOrEqualTo(990);
    }

    @Test
    void a429PausesTheBudgetAndTheNextCallFailsUnsent() throws Exception {
        server.on("GET", REFERRAL, new ErsTestServer.Reply(429, Map.of("Content-Type", "application/fhir+json",
                "Retry-After", "30"), example("r4/NHSDigital-OperationOutcome-429.json").getBytes(StandardCharsets.UTF_8), 0));
        long before = System.currentTimeMillis();

        ErsException.RateLimited limited = catchThrowableOfType(ErsException.RateLimited.class,
                () -> budgeted.retrieveReferral(CALL, "000000070000"));
        ErsException.Throttled throttled = catchThrowableOfType(ErsException.Throttled.class,
                () -> budgeted.retrieveReferral(CALL, "000000070000"));

        assertThat(limited.retryAfterSeconds()).isEqualTo(30);
        assertThat(throttled.retryAfterSeconds()).isBetween(28L, 31L);
        assertThat(server.requests()).as("the second call was never sent").hasSize(1);
        try (Connection connection = database.getConnection();
             ResultSet pause = connection.createStatement().executeQuery("select paused_until from ers_call_pause")) {
            assertThat(pause.next()).isTrue();
            assertThat(pause.getLong(1)).isBetween(before + 30_000, System.currentTimeMillis() + 30_000);
        }
    }
}
