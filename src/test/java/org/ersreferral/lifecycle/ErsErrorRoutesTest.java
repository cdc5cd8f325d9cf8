package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ersreferral.history.ErsCallRecord;
import org.ersreferral.history.ErsCallRecordRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each way e-RS can fail, produced by the simulator over real HTTP, taken through the real client
 * and the engine to the route the design gives it.
 */
class ErsErrorRoutesTest extends LiveReferralTest {

    @Autowired
    ManagementService managementService;
    @Autowired
    ErsCallRecordRepository calls;

    @Test
    void aBusinessRefusalReachesACoordinatorWithErsOwnWordsAndTheStepCanBeRetried() {
        fault("A010", 422, 1, 0, null);
        ProcessInstance referral = start("refused-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        awaitTask(referral, TASK_RESOLVE_REJECTION);

        assertThat((String) runtimeService.getVariable(referral.getId(), "ersErrorMessage")).startsWith("A010 answered 422");
        var resolve = awaitTask(referral, TASK_RESOLVE_REJECTION);
        assertThat(resolve.getName()).isEqualTo("Resolve e-RS rejection — Cardiology, routine");
        assertThat(resolve.getTenantId()).isEqualTo(referral.getTenantId());
        assertThat(taskService.getVariables(resolve.getId())).containsEntry("ersStepName", "Search e-RS services")
                .containsEntry("ersErrorStatus", 422);
        complete(referral, TASK_RESOLVE_REJECTION, Map.of("resolution", "RETRY"));
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
    }

    @Test
    void aRefusedTokenAsksForASignInAndThenRetries() {
        fault("A011", 401, 1, 0, null);
        ProcessInstance referral = start("token-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        assertThat(awaitTask(referral, TASK_SIGN_IN_AGAIN).getAssignee()).isEqualTo("coordinator");
        assertThat(userErsTokens.current("coordinator")).as("the refused token is forgotten").isEmpty();
        // the coordinator signs in again (in demo mode a password sign-in does): the step carries on by itself
        assertThat(app.get("/api/referrals/token-1", "coordinator").status()).isEqualTo(200);
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("NOT_BOOKED");
    }

    @Test
    void aRateLimitedCallIsRetriedWhenErsSaysNotOnTheFixedBackOff() {
        fault("A010", 429, 1, 0, 2);
        ProcessInstance referral = start("limited-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        Instant failedAround = Instant.now();
        Job retry = awaitFailedJob(referral, TASK_SEARCH_SERVICES);

        assertThat(retry.getExceptionMessage()).contains("429");
        assertThat(retry.getDuedate().toInstant()).isBetween(failedAround.plusSeconds(1), failedAround.plusSeconds(6));
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);
        List<ErsCallRecord> searches = calls.findByProcessInstanceIdOrderByStartedAtAscIdAsc(referral.getId()).stream()
                .filter(call -> "A010".equals(call.getOperation())).toList();
        assertThat(searches).extracting(ErsCallRecord::getStatus).containsExactly(429, 200);
    }

    @Test
    void aServerErrorIsRetriedByTheJobWithBackOff() {
        fault("A010", 503, 1, 0, null);
        ProcessInstance referral = start("unavailable-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        Instant failedAround = Instant.now();
        Job retry = awaitFailedJob(referral, TASK_SEARCH_SERVICES);

        assertThat(retry.getExceptionMessage()).contains("503");
        assertThat(retry.getRetries()).isEqualTo(3);
        assertThat(retry.getDuedate().toInstant()).isAfter(failedAround.plusSeconds(8));
        managementService.setJobDuedate(retry.getId(), new java.util.Date());
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);
    }

    @Test
    void aCreateThatTimedOutIsReconciledAndNeverMadeTwice() {
        ProcessInstance referral = start("timeout-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        fault("A011", 0, 1, 4_500, null);
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        awaitTask(referral, TASK_RECONCILE_REFERRAL);

        // The simulator finishes the delayed create after the client gave up waiting.
        await("the delayed create to land in the simulator",
                () -> app.get("/ers-sim/admin/referrals", "admin").json().size() == 1, referral);
        String created = onlyReferral().get("ubrn").asText();
        complete(referral, TASK_RECONCILE_REFERRAL, Map.of("ubrn", created));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
        assertThat(app.get("/ers-sim/admin/referrals", "admin").json()).hasSize(1);
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().get("A011").asInt()).isEqualTo(1);
    }

    @Test
    void aProviderSystemFailureWhileBookingDefersWithoutAsking() {
        ProcessInstance referral = start("provider-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        var slotTask = awaitTask(referral, TASK_CHOOSE_SLOT);
        fault("A016", 504, 1, 0, null);
        taskService.complete(slotTask.getId(), Map.of("slotId", firstSlot(referral)));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);
        assertThat(variable(referral, "deferralReason")).isEqualTo("BOOKING_ATTEMPT_PROBLEM");
        assertThat(onlyReferral().get("status").asText()).isEqualTo("DEFERRED_TO_PROVIDER");
    }

    @Test
    void everyCallIsKeptWithACorrelationIdThatNamesTheReferralAndStep() {
        ProcessInstance referral = start("traced-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitEnd(referral);

        List<ErsCallRecord> made = calls.findByProcessInstanceIdOrderByStartedAtAscIdAsc(referral.getId());
        // A004 is absent when reference data was cached by an earlier referral.
        assertThat(made).extracting(ErsCallRecord::getOperation).contains("A030", "A010", "A011", "A019", "A005");
        assertThat(made).allSatisfy(call -> {
            assertThat(call.getCorrelationId()).startsWith(referral.getId() + ":" + call.getStep() + ":");
            assertThat(call.getStatus()).isBetween(200, 299);
            assertThat(call.getPath()).doesNotContain(NHS_NUMBER);
        });
        assertThat(made).extracting(ErsCallRecord::getCorrelationId).doesNotHaveDuplicates();
        assertThat(made).filteredOn(call -> "A011".equals(call.getOperation()))
                .extracting(ErsCallRecord::getStep).containsExactly(TASK_CREATE_REFERRAL);
    }

    private void fault(String operation, int status, int times, int delayMs, Integer retryAfterSeconds) {
        Map<String, Object> fault = new java.util.HashMap<>(Map.of("operation", operation, "status", status, "times", times,
                "delayMs", delayMs));
        if (retryAfterSeconds != null) {
            fault.put("retryAfterSeconds", retryAfterSeconds);
        }
        assertThat(app.post("/ers-sim/admin/faults", "admin", fault).status()).isBetween(200, 204);
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
}
