package org.ersreferral.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analyst reports over a known history (see {@link KnownHistory}), asked over HTTP of the real
 * application: exact counts and nearest-rank percentiles, the filters, the CSV export and refused
 * parameters. Run once per database, since the reports' SQL differs between them; each subclass
 * starts the application ({@code @SpringBootTest} on the subclass, so extensions can be ordered around it).
 */
@ApplicationTest
abstract class AnalyticsReportsTest {

    static final String RANGE = "from=2020-03-01&to=2020-03-10";
    /** The databases the known history is in: written once per application, which the subclasses of a JVM share. */
    private static final Set<DataSource> WRITTEN = ConcurrentHashMap.newKeySet();

    /** A free port for each application: both subclasses' applications may be cached side by side. */
    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        int port = LiveApplication.freePort();
        registry.add("server.port", () -> port);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** The demo users' password of the database the subclass runs on. */
    @Value("${referral.security.demo-password}")
    String demoPassword;

    LiveApplication app;

    @BeforeEach
    void knownHistory() {
        app = new LiveApplication(port, demoPassword);
        if (WRITTEN.add(jdbc.getDataSource())) {
            new KnownHistory(jdbc).write();
        }
    }

    @Autowired
    ErsCallRequestTimes requestTimes;

    @Test
    void givesCallsRecordedWithoutTheirReferralsRequestTimeThatTime() {
        // A referral and a call as an earlier version recorded them, outside the reports' range.
        jdbc.update("INSERT INTO referral_record (request_id, process_instance_id, specialty, priority, status, created_at,"
                + " version) VALUES ('old-01', 'pi-old-01', 'CARDIOLOGY', 'ROUTINE', 'ACTIVE', ?, 0)",
                java.time.OffsetDateTime.parse("2019-06-01T08:30:00Z"));
        jdbc.update("INSERT INTO ers_call_record (process_instance_id, step, operation, correlation_id, method, path, status,"
                + " duration_ms, started_at) VALUES ('pi-old-01', 'Task_SearchServices', 'A010', 'pi-old-01:s:1', 'POST',"
                + " '/STU3/x', 200, 5, ?)", java.time.OffsetDateTime.parse("2019-06-01T08:31:00Z"));

        requestTimes.fillMissing();

        assertThat(jdbc.queryForObject("SELECT requested_at FROM ers_call_record WHERE process_instance_id = 'pi-old-01'",
                java.time.OffsetDateTime.class).toInstant()).isEqualTo(java.time.Instant.parse("2019-06-01T08:30:00Z"));
    }

    @Test
    void countsOutcomesAndEveryDayOfTheRange() {
        JsonNode report = report("/api/analytics/outcomes?" + RANGE);

        assertThat(report.get("from").asText()).isEqualTo("2020-03-01");
        assertThat(report.get("to").asText()).isEqualTo("2020-03-10");
        assertThat(report.get("specialty").isNull()).isTrue();
        assertThat(report.get("priority").isNull()).isTrue();
        assertThat(report.get("total").asLong()).isEqualTo(11);
        assertThat(report.get("inProgress").asLong()).isEqualTo(1);
        assertThat(pairs(report.get("outcomes"), "outcome", "count")).containsExactly(
                "BOOKED=5", "AWAITING_PATIENT_BOOKING=1", "CANCELLED=1", "DEFERRED_TO_PROVIDER=1", "SEARCH_ABANDONED=1",
                "SENT_FOR_TRIAGE=1");
        assertThat(pairs(report.get("perDay"), "date", "requested")).containsExactly(
                "2020-03-01=0", "2020-03-02=3", "2020-03-03=4", "2020-03-04=4", "2020-03-05=0", "2020-03-06=0",
                "2020-03-07=0", "2020-03-08=0", "2020-03-09=0", "2020-03-10=0");
        assertThat(pairs(report.get("perDay"), "date", "completed")).containsExactly(
                "2020-03-01=1", "2020-03-02=3", "2020-03-03=3", "2020-03-04=1", "2020-03-05=0", "2020-03-06=1",
                "2020-03-07=0", "2020-03-08=0", "2020-03-09=1", "2020-03-10=0");
    }

    @Test
    void givesNearestRankPercentilesOfEveryDuration() {
        JsonNode report = report("/api/analytics/durations?" + RANGE);

        // 1 min, 2 min, 10 min, 20 min, 1 h, 3 h, 10 h, 2 d, 5 d, 8 d: p50 is the 5th value, p90 the 9th.
        assertThat(spread(report.get("requestToOutcome"))).isEqualTo("10 3600000 432000000 691200000");
        assertThat(pairs(report.get("requestToOutcomeBuckets"), "label", "count")).containsExactly(
                "under 5 min=2", "5-30 min=2", "30 min-2 h=1", "2-8 h=1", "8-24 h=1", "1-3 days=1", "3-7 days=1",
                "over 7 days=1");
        assertThat(spreads(report.get("userTasks"), "taskKey")).containsExactly(
                "Task_ChooseSlot Choose appointment slot 3 60000 90000 90000",
                "Task_ChooseShortlist Choose shortlist 10 5000 9000 10000",
                "Task_AttachReferralLetter Attach referral letter 1 500 500 500");
        assertThat(spreads(report.get("ersOperations"), "operation")).containsExactly(
                "A010 Search for services 5 300 3000 3000",
                "A016 Book or defer appointment 2 500 600 600",
                "A011 Create referral 4 60 80 80");
    }

    @Test
    void aRenamedServiceIsNamedAsItWasLastSeen() {
        // A service e-RS renamed between two states of fx-01: the later name counts, though the earlier sorts after it.
        String insert = "INSERT INTO ers_state_seen (process_instance_id, business_key, organisation, seen_at, status, last_updated,"
                + " service_id, service_name, seen_by) VALUES ('fx-renamed', 'fx-01', 'R69', ?, ?, ?, '77001', ?, 'Event_ErsChanged')";
        try {
            jdbc.update(insert, java.sql.Timestamp.from(java.time.Instant.parse("2020-03-02T10:00:00Z")), "DEFERRED_TO_PROVIDER",
                    "2020-03-02T10:00:00Z", "Old Dermatology Service");
            jdbc.update(insert, java.sql.Timestamp.from(java.time.Instant.parse("2020-03-03T10:00:00Z")), "REJECTED",
                    "2020-03-03T10:00:00Z", "New Dermatology Service");

            JsonNode report = report("/api/analytics/follow-up?" + RANGE);

            List<String> named = new ArrayList<>();
            report.get("returnedByService").forEach(s -> {
                if ("77001".equals(s.get("serviceId").asText())) {
                    named.add(s.get("serviceName").asText());
                }
            });
            assertThat(named).containsExactly("New Dermatology Service");
        } finally {
            jdbc.update("DELETE FROM ers_state_seen WHERE process_instance_id = 'fx-renamed'");
        }
    }

    @Test
    void anEmptySelectionHasNoPercentiles() {
        JsonNode report = report("/api/analytics/durations?from=2019-01-01&to=2019-01-31");

        assertThat(report.get("requestToOutcome").get("count").asLong()).isZero();
        assertThat(report.get("requestToOutcome").get("p50Ms").isNull()).isTrue();
        assertThat(report.get("requestToOutcome").get("maxMs").isNull()).isTrue();
        assertThat(report.get("userTasks")).isEmpty();
        assertThat(report.get("requestToOutcomeBuckets")).hasSize(8)
                .allSatisfy(bucket -> assertThat(bucket.get("count").asLong()).isZero());
    }

    @Test
    void countsWhatHappenedAfterSending() {
        JsonNode report = report("/api/analytics/follow-up?" + RANGE);

        // Booked 30 s and 10 days after sending; fx-04 has no appointment yet.
        assertThat(report.get("sendingToFirstAppointment").toString()).isEqualTo("{\"followed\":3,\"booked\":2,\"notBookedYet\":1,"
                + "\"p50Ms\":30000,\"p90Ms\":864000000,\"maxMs\":864000000}");
        assertThat(pairs(report.get("sendingToFirstAppointmentBuckets"), "label", "count")).containsExactly(
                "under 1 day=1", "1-7 days=0", "1-2 weeks=1", "2-4 weeks=0", "4-8 weeks=0", "over 8 weeks=0");
        assertThat(report.get("returned").get("referrals").asLong()).isEqualTo(3);
        assertThat(report.get("returned").get("returned").asLong()).isEqualTo(2);
        List<String> services = new ArrayList<>();
        report.get("returnedByService").forEach(s -> services.add(s.get("serviceId").asText() + " " + s.path("serviceName").asText("-")
                + " " + s.get("referrals").asLong() + " " + s.get("returned").asLong()));
        assertThat(services).containsExactly("11021 Cardiology Business Service - No Slots 1 1", "50001 - 1 1",
                "11002 Good Cardiology Business Service 2 0");
        assertThat(report.get("returnedByService").get(1).has("serviceName")).as("named null, not left out").isTrue();
        assertThat(pairs(report.get("returnedByReason"), "reason", "count")).containsExactly(
                "Clinically inappropriate=1", "Advice given=1");
        assertThat(pairs(report.get("chasers"), "taskKey", "raised")).containsExactly("Task_ContactPatient=0", "Task_ChaseProvider=1");
        assertThat(pairs(report.get("chasers"), "taskKey", "resolved")).containsExactly("Task_ContactPatient=0", "Task_ChaseProvider=1");

        JsonNode dermatology = report("/api/analytics/follow-up?" + RANGE + "&specialty=DERMATOLOGY");
        assertThat(dermatology.get("returned").toString()).isEqualTo("{\"referrals\":1,\"returned\":1,\"rate\":1.0}");
        assertThat(dermatology.get("sendingToFirstAppointment").get("p50Ms").isNull()).isTrue();
    }

    @Test
    void countsErsCallsErrorsAndRetriesPerOperation() {
        JsonNode operations = report("/api/analytics/ers?" + RANGE).get("operations");

        assertThat(operations).hasSize(3);
        assertThat(operations.get(0).toString()).isEqualTo("{\"operation\":\"A010\",\"name\":\"Search for services\","
                + "\"calls\":5,\"errors\":2,\"errorRate\":0.4,\"retries\":2,\"statuses\":{\"0\":1,\"200\":3,\"503\":1}}");
        assertThat(operations.get(1).toString()).isEqualTo("{\"operation\":\"A011\",\"name\":\"Create referral\","
                + "\"calls\":4,\"errors\":1,\"errorRate\":0.25,\"retries\":1,\"statuses\":{\"201\":3,\"422\":1}}");
        assertThat(operations.get(2).toString()).isEqualTo("{\"operation\":\"A016\",\"name\":\"Book or defer appointment\","
                + "\"calls\":2,\"errors\":0,\"errorRate\":0.0,\"retries\":0,\"statuses\":{\"201\":2}}");
    }

    @Test
    void filtersBySpecialtyPriorityAndDays() {
        JsonNode dermatology = report("/api/analytics/durations?" + RANGE + "&specialty=DERMATOLOGY");
        assertThat(dermatology.get("specialty").asText()).isEqualTo("DERMATOLOGY");
        // 20 min, 1 h, 2 d
        assertThat(spread(dermatology.get("requestToOutcome"))).isEqualTo("3 3600000 172800000 172800000");
        assertThat(dermatology.get("ersOperations")).isEmpty();

        JsonNode urgent = report("/api/analytics/outcomes?" + RANGE + "&priority=URGENT");
        assertThat(urgent.get("priority").asText()).isEqualTo("URGENT");
        assertThat(urgent.get("total").asLong()).isEqualTo(3);
        assertThat(pairs(urgent.get("outcomes"), "outcome", "count")).containsExactly("BOOKED=2", "AWAITING_PATIENT_BOOKING=1");

        JsonNode urgentCalls = report("/api/analytics/ers?" + RANGE + "&priority=URGENT").get("operations");
        assertThat(pairs(urgentCalls, "operation", "calls")).containsExactly("A010=2", "A011=1", "A016=1");

        JsonNode oneDay = report("/api/analytics/outcomes?from=2020-03-03&to=2020-03-03");
        assertThat(oneDay.get("total").asLong()).isEqualTo(4);
        assertThat(pairs(oneDay.get("perDay"), "date", "completed")).containsExactly("2020-03-03=3");

        JsonNode routineCardiology = report("/api/analytics/referrals?" + RANGE + "&specialty=CARDIOLOGY&priority=ROUTINE");
        assertThat(values(routineCardiology.get("referrals"), "requestId"))
                .containsExactly("fx-11,\"odd\"", "fx-09", "fx-07", "fx-03", "fx-02");
    }

    @Test
    void listsReferralsNewestFirstFoundByRequestIdOrUbrn() {
        JsonNode all = report("/api/analytics/referrals?" + RANGE);
        assertThat(values(all.get("referrals"), "requestId")).hasSize(11).startsWith("fx-11,\"odd\"", "fx-10").endsWith("fx-01");
        JsonNode first = all.get("referrals").get(10);
        assertThat(first.toString()).isEqualTo("{\"requestId\":\"fx-01\",\"ubrn\":\"000000000101\",\"specialty\":\"CARDIOLOGY\","
                + "\"priority\":\"URGENT\",\"outcome\":\"BOOKED\",\"status\":\"COMPLETED\","
                + "\"requestedAt\":\"2020-03-02T09:00:00Z\",\"completedAt\":\"2020-03-02T09:01:00Z\"}");
        assertThat(all.get("referrals").get(0).get("completedAt").isNull()).isTrue();

        assertThat(values(report("/api/analytics/referrals?" + RANGE + "&q=FX-1").get("referrals"), "requestId"))
                .containsExactly("fx-11,\"odd\"", "fx-10");
        assertThat(values(report("/api/analytics/referrals?" + RANGE + "&q=000000000105").get("referrals"), "requestId"))
                .containsExactly("fx-05");
        // A UBRN as people read it and type it, in groups; a beginning of it too.
        assertThat(values(report("/api/analytics/referrals?" + RANGE + "&q=0000%200000%200105").get("referrals"), "requestId"))
                .containsExactly("fx-05");
        assertThat(values(report("/api/analytics/referrals?" + RANGE + "&q=0000%200000%20010").get("referrals"), "requestId"))
                .hasSize(9).contains("fx-01", "fx-05");
        assertThat(values(report("/api/analytics/referrals?" + RANGE + "&q=fx_0").get("referrals"), "requestId")).isEmpty();
        assertThat(values(report("/api/analytics/referrals?" + RANGE + "&limit=3").get("referrals"), "requestId"))
                .containsExactly("fx-11,\"odd\"", "fx-10", "fx-09");
    }

    @Test
    void exportsEveryReferralOfTheRangeAsCsvOldestFirst() throws Exception {
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/analytics/referrals.csv?" + RANGE))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("analyst:" + demoPassword).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"referrals-2020-03-01-to-2020-03-10.csv\"");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(12);
        assertThat(lines[0]).isEqualTo("request_id,ubrn,specialty,priority,status,outcome,requested_at,completed_at,"
                + "request_to_outcome_seconds");
        assertThat(lines[1]).isEqualTo("fx-01,000000000101,CARDIOLOGY,URGENT,COMPLETED,BOOKED,2020-03-02T09:00:00Z,"
                + "2020-03-02T09:01:00Z,60");
        assertThat(lines[10]).isEqualTo("fx-10,000000000110,CARDIOLOGY,URGENT,COMPLETED,BOOKED,2020-03-04T10:00:00Z,"
                + "2020-03-12T10:00:00Z,691200");
        assertThat(lines[11]).isEqualTo("\"fx-11,\"\"odd\"\"\",000000000111,CARDIOLOGY,ROUTINE,ACTIVE,,2020-03-04T11:00:00Z,,");
    }

    @Test
    void refusesBadParametersInPlainWords() {
        assertRefused("/api/analytics/outcomes?from=2020-13-01", "'from' must be a date written yyyy-MM-dd, e.g. 2026-11-24");
        assertRefused("/api/analytics/durations?from=2020-03-10&to=2020-03-01", "'from' (2020-03-10) is after 'to' (2020-03-01)");
        assertRefused("/api/analytics/ers?to=yesterday", "'to' must be a date written yyyy-MM-dd, e.g. 2026-11-24");
        assertRefused("/api/analytics/referrals?priority=SOON", "priority must be one of ROUTINE, URGENT, TWO_WEEK_WAIT");
        assertRefused("/api/analytics/referrals?limit=0", "limit must be a whole number from 1 to 500");
        assertRefused("/api/analytics/referrals?limit=many", "limit must be a whole number from 1 to 500");
        assertRefused("/api/analytics/referrals.csv?priority=urgent", "priority must be one of ROUTINE, URGENT, TWO_WEEK_WAIT");
    }

    private void assertRefused(String path, String message) {
        LiveApplication.Answer answer = app.get(path, "analyst");
        assertThat(answer.status()).as(path).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).isEqualTo(message);
    }

    JsonNode report(String path) {
        LiveApplication.Answer answer = app.get(path, "analyst");
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    static List<String> pairs(JsonNode list, String key, String value) {
        List<String> pairs = new ArrayList<>();
        list.forEach(item -> pairs.add(item.get(key).asText() + "=" + item.get(value).asText()));
        return pairs;
    }

    static List<String> values(JsonNode list, String key) {
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.get(key).asText()));
        return values;
    }

    static String spread(JsonNode spread) {
        return spread.get("count").asText() + " " + spread.get("p50Ms").asText() + " " + spread.get("p90Ms").asText() + " "
                + spread.get("maxMs").asText();
    }

    static List<String> spreads(JsonNode list, String key) {
        List<String> spreads = new ArrayList<>();
        list.forEach(item -> spreads.add(item.get(key).asText() + " " + item.get("name").asText() + " " + spread(item)));
        return spreads;
    }
}
