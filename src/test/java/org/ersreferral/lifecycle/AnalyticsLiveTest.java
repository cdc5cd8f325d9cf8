package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.process.FollowUp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analyst reports over referrals the real application took through the embedded e-RS: one of
 * each outcome, one still waiting for its shortlist, and a create that failed with 503 and was
 * retried by its job. Counts are exact; durations are wall-clock, so only their counts and order are.
 */
class AnalyticsLiveTest extends LiveReferralTest {

    private static final List<String> REPORTS = List.of("/api/analytics/outcomes", "/api/analytics/durations",
            "/api/analytics/ers", "/api/analytics/referrals", "/api/analytics/referrals.csv");

    /** Calls are slow on a busy machine; the client's short test timeout would add retries this test does not count. */
    @DynamicPropertySource
    static void patientClient(DynamicPropertyRegistry registry) {
        registry.add("ers.read-timeout", () -> "20s");
    }

    @Autowired
    ManagementService managementService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void reportsExactlyWhatABatchOfReferralsDid() {
        ProcessInstance booked = start("an-book", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(booked, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(booked, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        Task slotTask = awaitTask(booked, TASK_CHOOSE_SLOT);
        taskService.complete(slotTask.getId(), Map.of("slotId", firstSlot(booked)));
        assertThat(awaitEnd(booked).getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);

        ProcessInstance deferred = start("an-defer", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(deferred, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11021\"]"), "bookServiceId", "11021"));
        complete(deferred, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        assertThat(awaitEnd(deferred).getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);

        ProcessInstance triage = start("an-triage", "URGENT", "CARDIOLOGY", "CHEST_PAIN");
        complete(triage, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"50001\"]")));
        complete(triage, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        assertThat(awaitEnd(triage).getEndActivityId()).isEqualTo(END_SENT_FOR_TRIAGE);

        // e-RS answers the create with 503 once; the job tries again (now rather than after the 10 s back-off).
        ProcessInstance patientBooks = start("an-patient", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A011", "status", 503, "times", 1,
                "delayMs", 0)).status()).isBetween(200, 204);
        complete(patientBooks, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\", \"11000\"]")));
        Job failed = awaitFailedJob(patientBooks, TASK_CREATE_REFERRAL);
        managementService.setJobDuedate(failed.getId(), new Date());
        complete(patientBooks, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        assertThat(awaitEnd(patientBooks).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);

        ProcessInstance abandoned = start("an-abandon", "ROUTINE", "ALLERGY", null);
        complete(abandoned, TASK_REFINE_SEARCH, Map.of("abandonSearch", true));
        assertThat(awaitEnd(abandoned).getEndActivityId()).isEqualTo(END_SEARCH_ABANDONED);

        ProcessInstance cancelled = start("an-cancel", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(cancelled, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        awaitTask(cancelled, TASK_ATTACH_REFERRAL_LETTER);
        assertThat(app.post("/api/referrals/an-cancel/cancel", "coordinator", Map.of("reason", "NO_LONGER_REQUIRED")).status())
                .isEqualTo(202);
        awaitEnd(cancelled);

        ProcessInstance waiting = start("an-open", "TWO_WEEK_WAIT", "CARDIOLOGY", "HEART_FAILURE");
        awaitTask(waiting, TASK_CHOOSE_SHORTLIST);

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode outcomes = report("/api/analytics/outcomes");
        assertThat(outcomes.get("to").asText()).isEqualTo(today);
        assertThat(outcomes.get("from").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(29).toString());
        assertThat(outcomes.get("total").asLong()).isEqualTo(7);
        assertThat(outcomes.get("inProgress").asLong()).isEqualTo(1);
        assertThat(pairs(outcomes.get("outcomes"), "outcome", "count")).containsExactly("AWAITING_PATIENT_BOOKING=1",
                "BOOKED=1", "CANCELLED=1", "DEFERRED_TO_PROVIDER=1", "SEARCH_ABANDONED=1", "SENT_FOR_TRIAGE=1");
        assertThat(outcomes.get("perDay")).hasSize(30);
        JsonNode todayCounts = outcomes.get("perDay").get(29);
        assertThat(todayCounts.toString()).isEqualTo("{\"date\":\"" + today + "\",\"requested\":7,\"completed\":6}");

        JsonNode ers = report("/api/analytics/ers").get("operations");
        Map<String, String> byOperation = new TreeMap<>();
        ers.forEach(operation -> byOperation.put(operation.get("operation").asText(), operation.get("calls").asText() + " calls, "
                + operation.get("errors").asText() + " errors, " + operation.get("retries").asText() + " retries, "
                + operation.get("statuses")));
        // A004: the start checks read SPECIALTY and CLINIC-TYPE and the cancel request's check the cancellation reasons
        // before any referral exists (calls of no referral, not in this report); the first referral's own step then
        // loads PRIORITY (cached from then on). None failed, so none of these repeats is a retry.
        // A005: each of the 4 referrals that reached their letter records the final state; the cancellation reads the version.
        assertThat(byOperation).isEqualTo(Map.of(
                "A004", "1 calls, 0 errors, 0 retries, {\"200\":1}",
                "A005", "5 calls, 0 errors, 0 retries, {\"200\":5}",
                "A010", "7 calls, 0 errors, 0 retries, {\"200\":7}",
                "A011", "6 calls, 1 errors, 1 retries, {\"201\":5,\"503\":1}",
                "A015", "2 calls, 0 errors, 0 retries, {\"200\":2}",
                "A016", "3 calls, 0 errors, 0 retries, {\"201\":3}",
                "A019", "4 calls, 0 errors, 0 retries, {\"200\":4}",
                "A030", "7 calls, 0 errors, 0 retries, {\"200\":7}",
                "A036", "1 calls, 0 errors, 0 retries, {\"200\":1}"));
        // Each call the simulator received is one the report counts, but for the input checks' three A004 reads,
        // which belong to no referral, and the sent referrals' follow-ups' own (the booked one reads its referral and
        // appointment as it starts to wait; the others wait to be chased): counted once they have settled.
        await("the booked referral's follow-up waiting for the appointment", () -> runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(FollowUp.PROCESS_KEY).processInstanceBusinessKey("an-book").list().stream()
                .anyMatch(p -> runtimeService.getActiveActivityIds(p.getId()).contains(FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT)), booked);
        JsonNode received = app.get("/ers-sim/admin/calls", "admin").json();
        ers.forEach(operation -> assertThat(operation.get("calls").asLong()
                        + ("A004".equals(operation.get("operation").asText()) ? 3 : 0)
                        + followUpCalls(operation.get("operation").asText())).as(operation.get("operation").asText())
                .isEqualTo(received.get(operation.get("operation").asText()).asLong()));
        assertThat(values(ers, "operation")).isSorted();
        JsonNode create = ers.get(values(ers, "operation").indexOf("A011"));
        assertThat(create.get("name").asText()).isEqualTo("Create referral");
        assertThat(create.get("errorRate").asDouble()).isEqualTo(1.0 / 6);

        JsonNode durations = report("/api/analytics/durations");
        assertThat(durations.get("requestToOutcome").get("count").asLong()).isEqualTo(6);
        assertOrdered(durations.get("requestToOutcome"));
        assertThat(durations.get("requestToOutcomeBuckets").get(0).get("label").asText()).isEqualTo("under 5 min");
        assertThat(durations.get("requestToOutcomeBuckets").get(0).get("count").asLong()).isEqualTo(6);
        Map<String, Long> taskCounts = new TreeMap<>();
        durations.get("userTasks").forEach(task -> taskCounts.put(task.get("taskKey").asText(), task.get("count").asLong()));
        assertThat(taskCounts).isEqualTo(Map.of(TASK_CHOOSE_SHORTLIST, 5L, TASK_ATTACH_REFERRAL_LETTER, 4L, TASK_CHOOSE_SLOT, 1L,
                TASK_REFINE_SEARCH, 1L));
        durations.get("userTasks").forEach(this::assertOrdered);
        assertThat(durations.get("ersOperations")).hasSize(9).allSatisfy(this::assertOrdered);
        List<Long> p90s = new ArrayList<>();
        durations.get("ersOperations").forEach(operation -> p90s.add(operation.get("p90Ms").asLong()));
        assertThat(p90s).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        assertThat(report("/api/analytics/outcomes?priority=URGENT").get("total").asLong()).isEqualTo(2);
        assertThat(pairs(report("/api/analytics/outcomes?specialty=ALLERGY").get("outcomes"), "outcome", "count"))
                .containsExactly("SEARCH_ABANDONED=1");
        assertThat(report("/api/analytics/ers?specialty=ALLERGY").get("operations")).extracting(op -> op.get("operation").asText())
                .containsExactly("A010", "A030");
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(report("/api/analytics/outcomes?from=" + yesterday + "&to=" + yesterday).get("total").asLong()).isZero();

        assertThat(values(report("/api/analytics/referrals").get("referrals"), "requestId")).containsExactly(
                "an-open", "an-cancel", "an-abandon", "an-patient", "an-triage", "an-defer", "an-book");
        assertThat(values(report("/api/analytics/referrals?q=AN-B").get("referrals"), "requestId")).containsExactly("an-book");
        LiveApplication.Answer csv = app.get("/api/analytics/referrals.csv", "analyst");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(8);
        for (String path : REPORTS) {
            assertThat(app.get(path, "analyst").body()).doesNotContain(NHS_NUMBER);
        }
    }

    @Test
    void onlyAnalystsAndAdministratorsReadTheReports() {
        for (String path : REPORTS) {
            assertThat(app.get(path, "analyst").status()).as(path).isEqualTo(200);
            assertThat(app.get(path, "admin").status()).as(path).isEqualTo(200);
            assertThat(app.get(path, "coordinator").status()).as(path).isEqualTo(403);
            assertThat(app.get(path, null).status()).as(path).isEqualTo(401);
        }
        assertThat(app.get("/api/analytics/outcomes", "analyst:wrong-password").status()).isEqualTo(401);
    }

    private void assertOrdered(JsonNode spread) {
        assertThat(spread.get("p50Ms").asLong()).isNotNegative().isLessThanOrEqualTo(spread.get("p90Ms").asLong());
        assertThat(spread.get("p90Ms").asLong()).isLessThanOrEqualTo(spread.get("maxMs").asLong());
    }

    private JsonNode report(String path) {
        LiveApplication.Answer answer = app.get(path, "analyst");
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The failed e-RS call job of the ers-step instance the referral is in, if any. */
    private Job stepJob(ProcessInstance referral) {
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(referral.getId()).list().stream()
                .map(step -> managementService.createJobQuery().processInstanceId(step.getId()).withException().singleResult())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private Job awaitFailedJob(ProcessInstance referral, String activityId) {
        Job[] failed = new Job[1];
        await("a failed job at " + activityId, () -> {
            // The e-RS call of a step is the job of the ers-step instance the step calls.
            failed[0] = runtimeService.createExecutionQuery().processInstanceId(referral.getId()).activityId(activityId).count() == 0
                    ? null : stepJob(referral);
            return failed[0] != null;
        }, referral);
        return failed[0];
    }

    private static List<String> pairs(JsonNode list, String key, String value) {
        List<String> pairs = new ArrayList<>();
        list.forEach(item -> pairs.add(item.get(key).asText() + "=" + item.get(value).asText()));
        return pairs;
    }

    private static List<String> values(JsonNode list, String key) {
        List<String> values = new ArrayList<>();
        list.forEach(item -> values.add(item.get(key).asText()));
        return values;
    }

    /** Calls the sent referrals' follow-ups made, which the referral report does not count. */
    private long followUpCalls(String operation) {
        List<String> followUps = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                .processInstanceBusinessKeyLike("an-%").list()
                .stream().map(p -> p.getId()).toList();
        return followUps.stream().mapToLong(id -> jdbc.queryForObject(
                "select count(*) from ers_call_record where process_instance_id = ? and operation = ?", Long.class, id, operation)).sum();
    }
}
