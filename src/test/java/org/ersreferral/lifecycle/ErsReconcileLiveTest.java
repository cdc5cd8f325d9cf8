package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.history.ErsCallRecord;
import org.ersreferral.history.ErsCallRecordRepository;
import org.ersreferral.testsupport.CrashAfterAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The faults that once cancelled referrals e-RS had already deferred or sent to triage, produced
 * over real HTTP against the simulator: a state change that timed out while e-RS was still applying
 * it, and a node that died after e-RS answered. Neither is sent twice, and nothing is cancelled.
 */
class ErsReconcileLiveTest extends LiveReferralTest {

    @Autowired
    ManagementService managementService;
    @Autowired
    ErsCallRecordRepository calls;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void disarm() {
        CrashAfterAnswer.disarm();
    }

    @Test
    void aBookingThatTimedOutWhileErsWasStillMakingItIsCheckedLaterNotRepeatedAndNotCancelled() {
        ProcessInstance referral = start("late-booking-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        Task slotTask = awaitTask(referral, TASK_CHOOSE_SLOT);
        // e-RS books a second after the client (read timeout 3 s) gave up waiting.
        fault("A016", 0, 1, 4_000);
        taskService.complete(slotTask.getId(), Map.of("slotId", firstSlot(referral)));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("BOOKED");
        JsonNode made = app.get("/ers-sim/admin/calls", "admin").json();
        assertThat(made.get("A016").asInt()).as("bookings sent").isEqualTo(1);
        assertThat(made.has("A036") ? made.get("A036").asInt() : 0).as("cancellations").isZero();
        List<ErsCallRecord> steps = calls.findByProcessInstanceIdOrderByStartedAtAscIdAsc(referral.getId()).stream()
                .filter(call -> TASK_BOOK_APPOINTMENT.equals(call.getStep())).toList();
        // no answer; then, after the wait, the referral read (A005) instead of a second booking
        assertThat(steps).extracting(ErsCallRecord::getOperation, ErsCallRecord::getStatus)
                .containsExactly(tuple("A016", 0), tuple("A005", 200));
        assertThat(steps.get(1).getStartedAt()).isAfterOrEqualTo(steps.get(0).getStartedAt().plusSeconds(3 + 3));
        assertThat(journal(referral, TASK_BOOK_APPOINTMENT)).containsExactly("A016:1:ANSWERED");
    }

    @Test
    void aTriageThatTimedOutWhileErsWasStillMakingItEndsInTriageNotInACancellation() {
        ProcessInstance referral = start("late-triage-1", "URGENT", "CARDIOLOGY", "CHEST_PAIN");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"50001\"]")));
        Task letterTask = awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER);
        fault("A016", 0, 1, 4_000);
        taskService.complete(letterTask.getId(), Map.of("attachLater", true));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_SENT_FOR_TRIAGE);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("AWAITING_TRIAGE");
        JsonNode made = app.get("/ers-sim/admin/calls", "admin").json();
        assertThat(made.get("A016").asInt()).as("triage requests sent").isEqualTo(1);
        assertThat(made.has("A036") ? made.get("A036").asInt() : 0).as("cancellations").isZero();
        assertThat(journal(referral, TASK_SEND_FOR_TRIAGE)).containsExactly("A016:1:ANSWERED");
    }

    @Test
    void aNodeThatDiesAfterErsAnsweredCreatesOnceDefersOnceAndCancelsNothing() {
        CrashAfterAnswer.arm(TASK_CREATE_REFERRAL, TASK_DEFER_TO_PROVIDER);
        ProcessInstance referral = start("crash-after-answer-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        runAgainNow(awaitFailedJob(referral, TASK_CREATE_REFERRAL));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        complete(referral, TASK_CHOOSE_SLOT, Map.of("deferToProvider", true, "deferralComment", "Afternoons only"));
        runAgainNow(awaitFailedJob(referral, TASK_DEFER_TO_PROVIDER));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("DEFERRED_TO_PROVIDER");
        JsonNode made = app.get("/ers-sim/admin/calls", "admin").json();
        assertThat(made.get("A011").asInt()).as("creates sent").isEqualTo(1);
        assertThat(made.get("A016").asInt()).as("deferrals sent").isEqualTo(1);
        assertThat(made.has("A036") ? made.get("A036").asInt() : 0).as("cancellations").isZero();
        assertThat(journal(referral, TASK_CREATE_REFERRAL)).containsExactly("A011:1:ANSWERED");
        assertThat(journal(referral, TASK_DEFER_TO_PROVIDER)).containsExactly("A016:1:ANSWERED");
        String ubrn = onlyReferral().get("ubrn").asText();
        assertThat(jdbc.queryForList("select answer_ubrn from ers_request_journal where process_instance_id = ? and operation = 'A011'",
                String.class, referral.getId())).containsExactly(ubrn);
    }

    private List<String> journal(ProcessInstance referral, String step) {
        return jdbc.queryForList("select operation || ':' || attempt || ':' || status from ers_request_journal"
                + " where process_instance_id = ? and step = ? order by attempt", String.class, referral.getId(), step);
    }

    private void runAgainNow(Job failed) {
        assertThat(failed.getExceptionMessage()).startsWith("The node died after e-RS answered");
        managementService.setJobDuedate(failed.getId(), new Date());
    }

    private Job awaitFailedJob(ProcessInstance referral, String activityId) {
        Job[] failed = new Job[1];
        // the step's e-RS call is the job of the ers-step instance its call activity started
        await("a failed job at " + activityId, () -> {
            ActivityInstance step = runtimeService.getActivityInstance(referral.getId());
            ProcessInstance called = runtimeService.createProcessInstanceQuery().superProcessInstanceId(referral.getId())
                    .singleResult();
            failed[0] = called == null || step == null || step.getActivityInstances(activityId).length == 0 ? null
                    : managementService.createJobQuery().processInstanceId(called.getId()).activityId(TASK_CALL_ERS)
                            .withException().singleResult();
            return failed[0] != null;
        }, referral);
        return failed[0];
    }

    private void fault(String operation, int status, int times, int delayMs) {
        Map<String, Object> fault = new HashMap<>(Map.of("operation", operation, "status", status, "times", times,
                "delayMs", delayMs));
        assertThat(app.post("/ers-sim/admin/faults", "admin", fault).status()).isBetween(200, 204);
    }
}
