package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.worklist.WorklistSyncScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A sent referral is followed in e-RS by {@code ers-referral-follow-up}, in the real application against
 * the embedded simulator over HTTP: it starts at the referral's outcome, in the referral's organisation,
 * and reads what it needs from e-RS as the referral's coordinator. Each provider or patient event is made
 * in the simulator, the organisation's worklists are read once (the sync, on demand: the tests'
 * applications have its schedule off), and the coordinator works the task that follows.
 */
class FollowUpLifecycleTest extends LiveReferralTest {

    @Autowired
    WorklistSyncScheduler worklists;
    @Autowired
    ManagementService managementService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBookedReferralIsFollowedUntilTheAttendanceWindowAfterItsAppointment() throws Exception {
        ProcessInstance referral = start("follow-booked-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitTask(referral, TASK_CHOOSE_SLOT);
        String slotId = firstSlot(referral);
        taskService.complete(awaitTask(referral, TASK_CHOOSE_SLOT).getId(), Map.of("slotId", slotId));
        awaitEnd(referral);

        ProcessInstance followUp = awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(followUp.getTenantId()).isEqualTo(referral.getTenantId()).isNotNull();
        assertThat(runtimeService.getVariable(followUp.getId(), FollowUp.ERS_STATUS.name())).isEqualTo("BOOKED");
        assertThat(runtimeService.getVariable(followUp.getId(), "ubrn")).isEqualTo(variable(referral, "ubrn"));
        // The letter and the slots of sending stay with the referral.
        assertThat(runtimeService.getVariable(followUp.getId(), "patientLetter")).isNull();
        assertThat(runtimeService.getVariable(followUp.getId(), "slots")).isNull();

        OffsetDateTime appointment = OffsetDateTime.parse(onlyReferral().get("appointment").get("start").asText());
        Instant due = Instant.parse((String) runtimeService.getVariable(followUp.getId(), FollowUp.ATTENDANCE_CHECK_DUE.name()));
        assertThat(due).isEqualTo(appointment.toInstant().plus(Duration.ofDays(14)));
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().path("A038").asInt()).isOne();
    }

    @Test
    void aRejectedReferralGetsANewShortlistAndIsBooked() {
        ProcessInstance referral = deferred("follow-reject-1");
        ProcessInstance followUp = awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_TO_CHASE);

        event(referral, "reject", Map.of("reason", "SERVICE_INAPPROPRIATE", "comments", "Please refer to the lipid clinic"));
        readWorklists();

        Task act = awaitFollowUpTask(referral, FollowUp.TASK_ACT_ON_RETURNED_REFERRAL);
        assertThat(taskService.getVariable(act.getId(), FollowUp.ERS_STATUS_DISPLAY.name())).isEqualTo("returned by the provider");
        assertThat(taskService.getVariable(act.getId(), FollowUp.ERS_STATUS_REASON_DISPLAY.name())).isEqualTo("Inappropriate service");
        assertThat(taskService.getVariable(act.getId(), FollowUp.ERS_STATUS_COMMENTS.name())).isEqualTo("Please refer to the lipid clinic");
        assertThat(options(act)).contains("CHANGE_SHORTLIST", "CANCEL", "DEALT_WITH");
        taskService.complete(act.getId(), Map.of(FollowUp.FOLLOW_UP_CHOICE.name(), "CHANGE_SHORTLIST"));
        taskService.complete(awaitFollowUpTask(referral, TASK_CHOOSE_SHORTLIST).getId(),
                Map.of("shortlist", json("[\"11000\"]"), "bookServiceId", "11000"));
        Task slot = awaitFollowUpTask(referral, TASK_CHOOSE_SLOT);
        taskService.complete(slot.getId(), Map.of("slotId", firstSlotOf(followUp)));

        awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("BOOKED");
        assertThat(onlyReferral().get("shortlist").toString()).contains("11000").doesNotContain("11021");
        assertThat(statesSeen(referral)).containsExactly("DEFERRED_TO_PROVIDER", "REJECTED", "BOOKED");
    }

    @Test
    void aTriageResponseIsCancelled() {
        ProcessInstance referral = start("follow-triage-1", "URGENT", "CARDIOLOGY", "CHEST_PAIN");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"50001\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitEnd(referral);
        awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_TO_CHASE);

        event(referral, "triage-response", Map.of("comments", "Manage in primary care: start a statin"));
        readWorklists();

        Task act = awaitFollowUpTask(referral, FollowUp.TASK_ACT_ON_RETURNED_REFERRAL);
        assertThat(taskService.getVariable(act.getId(), FollowUp.ERS_STATUS_COMMENTS.name())).isEqualTo("Manage in primary care: start a statin");
        taskService.complete(act.getId(), Map.of(FollowUp.FOLLOW_UP_CHOICE.name(), "CANCEL",
                ReferralVariables.CANCELLATION_COMMENT.name(), "Managed in primary care"));

        assertThat(awaitFollowUpEnd(referral)).isEqualTo(FollowUp.END_CANCELLED_BY_COORDINATOR);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("CANCELLED_REFERRAL");
    }

    @Test
    void aPatientWhoCancelledTheirAppointmentIsRebooked() throws Exception {
        ProcessInstance referral = booked("follow-patient-cancels-1");
        ProcessInstance followUp = awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        String firstAppointment = onlyReferral().get("appointment").get("id").asText();

        event(referral, "patient-cancels-appointment", Map.of("reason", "PATIENT_HOLIDAY"));
        readWorklists();

        Task act = awaitFollowUpTask(referral, FollowUp.TASK_ACT_ON_RETURNED_REFERRAL);
        assertThat(taskService.getVariable(act.getId(), FollowUp.ERS_STATUS_DISPLAY.name())).isEqualTo("appointment cancelled by the patient");
        assertThat(options(act)).contains("BOOK");
        taskService.complete(act.getId(), Map.of(FollowUp.FOLLOW_UP_CHOICE.name(), "BOOK"));
        taskService.complete(awaitFollowUpTask(referral, TASK_CHOOSE_SLOT).getId(), Map.of("slotId", firstSlotOf(followUp)));

        awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("BOOKED");
        assertThat(onlyReferral().get("appointment").get("id").asText()).isNotEqualTo(firstAppointment);
        assertThat(statesSeen(referral)).containsExactly("BOOKED", "APPT_CANCELLED_BY_PATIENT", "BOOKED");
        // The patient gets a letter with the new appointment.
        assertThat(runtimeService.getVariable(followUp.getId(), "patientLetter")).isNotNull();
    }

    @Test
    void aReferralWhosePatientDidNotAttendIsCancelled() {
        ProcessInstance referral = booked("follow-dna-1");
        awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);

        event(referral, "did-not-attend", Map.of("comments", "Did not attend; two letters sent"));
        readWorklists();

        Task act = awaitFollowUpTask(referral, FollowUp.TASK_ACT_ON_RETURNED_REFERRAL);
        assertThat(taskService.getVariable(act.getId(), FollowUp.ERS_STATUS_COMMENTS.name())).isEqualTo("Did not attend; two letters sent");
        taskService.complete(act.getId(), Map.of(FollowUp.FOLLOW_UP_CHOICE.name(), "CANCEL"));

        assertThat(awaitFollowUpEnd(referral)).isEqualTo(FollowUp.END_CANCELLED_BY_COORDINATOR);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("CANCELLED_REFERRAL");
    }

    @Test
    void aShortlistThePatientNeverBookedIsChasedAndBookedForThem() {
        ProcessInstance referral = start("follow-never-booked-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\", \"11000\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitEnd(referral);
        ProcessInstance followUp = awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_TO_CHASE);
        assertThat(runtimeService.getVariable(followUp.getId(), FollowUp.CHASE_AFTER.name())).isEqualTo("P14D");

        // Fourteen days on, as the timer would.
        managementService.executeJob(managementService.createJobQuery().processInstanceId(followUp.getId()).timers().singleResult().getId());

        Task contact = awaitFollowUpTask(referral, FollowUp.TASK_CONTACT_PATIENT);
        assertThat(options(contact)).contains("BOOK", "NEW_LETTER", "CANCEL", "KEEP_WAITING");
        taskService.complete(contact.getId(), Map.of(FollowUp.FOLLOW_UP_CHOICE.name(), "BOOK", "bookServiceId", "11000"));
        taskService.complete(awaitFollowUpTask(referral, TASK_CHOOSE_SLOT).getId(), Map.of("slotId", firstSlotOf(followUp)));

        awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("BOOKED");
        assertThat(statesSeen(referral)).as("the chase found it unchanged: no new state").containsExactly("NOT_BOOKED", "BOOKED");
    }

    @Test
    void aSentReferralIsCancelledThroughItsFollowUp() {
        ProcessInstance referral = booked("follow-cancel-1");
        awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);

        LiveApplication.Answer cancelled = app.post("/api/referrals/follow-cancel-1/cancel", "coordinator",
                Map.of("reason", "NO_LONGER_REQUIRED"));

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
        // An event sub-process's end is recorded as the sub-process's.
        assertThat(awaitFollowUpEnd(referral)).isEqualTo(FollowUp.SUBPROCESS_CANCELLATION_REQUESTED);
        String followUp = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                .processInstanceBusinessKey(referral.getBusinessKey()).singleResult().getId();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(followUp)
                .activityId(FollowUp.END_CANCELLED_ON_REQUEST).count()).isOne();
        assertThat(onlyReferral().get("status").asText()).isEqualTo("CANCELLED_REFERRAL");
        assertThat(app.post("/api/referrals/follow-cancel-1/cancel", "coordinator", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aPatientWhoAsksToChangeTheirAppointmentHasItCancelledAndIsBookedAgain() {
        ProcessInstance referral = booked("follow-change-1");
        ProcessInstance followUp = awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        String firstAppointment = onlyReferral().get("appointment").get("id").asText();
        String path = "/api/referrals/follow-change-1/change-appointment";

        LiveApplication.Answer noReason = app.post(path, "coordinator", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason is required");
        assertThat(app.post(path, "coordinator", Map.of("reason", "NOT_A_REASON")).body())
                .contains("reason must be an e-RS appointment cancellation reason code");
        assertThat(app.post(path, "coordinator-b", Map.of("reason", "PATIENT_ILL")).status()).as("another organisation's").isEqualTo(404);
        assertThat(app.post(path, "analyst", Map.of("reason", "PATIENT_ILL")).status()).isEqualTo(403);
        assertThat(app.post("/api/referrals/none-such/change-appointment", "coordinator", Map.of("reason", "PATIENT_ILL")).status())
                .isEqualTo(404);
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().path("A034").asInt()).as("nothing sent for refused asks").isZero();

        LiveApplication.Answer asked = app.post(path, "coordinator", Map.of("reason", "PATIENT_ILL", "comment", "In hospital that week"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);

        Task slot = awaitFollowUpTask(referral, TASK_CHOOSE_SLOT);
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().path("A034").asInt()).isOne();
        assertThat(app.post(path, "coordinator", Map.of("reason", "PATIENT_ILL")).status()).as("no booked appointment now").isEqualTo(409);
        taskService.complete(slot.getId(), Map.of("slotId", firstSlotOf(followUp)));

        awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(onlyReferral().get("status").asText()).isEqualTo("BOOKED");
        assertThat(onlyReferral().get("appointment").get("id").asText()).isNotEqualTo(firstAppointment);
        assertThat(statesSeen(referral)).containsExactly("BOOKED", "APPT_CANCELLED_BY_PATIENT", "BOOKED");
    }

    @Test
    void aLetterFileErsRefusedIsAskedForAgainWithWhyAndWhenItIsDue() throws Exception {
        ProcessInstance referral = start("follow-letter-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of(
                "referralLetter1", Variables.fileValue("referral-letter.pdf").file(pdfBytes()).mimeType("application/pdf").create()));
        awaitEnd(referral);
        awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_TO_CHASE);

        event(referral, "attachment-fails", Map.of("status", "THREATS_FOUND"));
        readWorklists();

        Task letter = awaitFollowUpTask(referral, TASK_ATTACH_REFERRAL_LETTER);
        assertThat((String) taskService.getVariableLocal(letter.getId(), FollowUp.LETTER_OWED.name()))
                .startsWith("e-RS is waiting for this referral's letter, due by ")
                .endsWith("e-RS could not take referral-letter.pdf: threats found: attach a new file.");
        taskService.complete(letter.getId(), Map.of(
                "referralLetter1", Variables.fileValue("referral-letter-2.pdf").file(pdfBytes()).mimeType("application/pdf").create()));

        ProcessInstance followUp = awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_TO_CHASE);
        assertThat(onlyReferral().get("attachmentCount").asInt()).as("the new letter replaces the refused file (A012)").isOne();
        // e-RS has its letter: the lists no longer owe one, and nothing more is asked.
        readWorklists();
        assertThat(taskService.createTaskQuery().processInstanceId(followUp.getId()).count()).isZero();
        assertThat(runtimeService.getVariable(followUp.getId(), FollowUp.LETTER_PROBLEMS.name())).isNull();
    }

    private ProcessInstance booked(String requestId) {
        ProcessInstance referral = start(requestId, "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitTask(referral, TASK_CHOOSE_SLOT);
        taskService.complete(awaitTask(referral, TASK_CHOOSE_SLOT).getId(), Map.of("slotId", firstSlot(referral)));
        awaitEnd(referral);
        return referral;
    }

    private ProcessInstance deferred(String requestId) {
        ProcessInstance referral = start(requestId, "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11021\"]"), "bookServiceId", "11021"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);
        return referral;
    }

    /** A provider's or patient's event, made in the simulator. */
    private void event(ProcessInstance referral, String event, Map<String, Object> body) {
        LiveApplication.Answer answer = app.post("/ers-sim/admin/referrals/" + variable(referral, "ubrn") + "/" + event, "admin", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private void readWorklists() {
        assertThat(worklists.syncNow(referralOrganisation())).as("the worklists were read").isTrue();
    }

    private String referralOrganisation() {
        return "R69";
    }

    private Task awaitFollowUpTask(ProcessInstance referral, String taskKey) {
        Task[] found = new Task[1];
        await("follow-up task " + taskKey + " of " + referral.getBusinessKey(), () -> {
            found[0] = taskService.createTaskQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                    .processInstanceBusinessKey(referral.getBusinessKey()).taskDefinitionKey(taskKey).singleResult();
            return found[0] != null;
        }, referral);
        return found[0];
    }

    private String awaitFollowUpEnd(ProcessInstance referral) {
        HistoricProcessInstance[] ended = new HistoricProcessInstance[1];
        await("end of the follow-up of " + referral.getBusinessKey(), () -> {
            ended[0] = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                    .processInstanceBusinessKey(referral.getBusinessKey()).finished().singleResult();
            return ended[0] != null;
        }, referral);
        return ended[0].getEndActivityId();
    }

    private String options(Task task) {
        return String.valueOf(taskService.getVariableLocal(task.getId(), FollowUp.FOLLOW_UP_CHOICES.name()));
    }

    private String firstSlotOf(ProcessInstance followUp) {
        JsonNode slots = new LiveApplication.Answer(200, runtimeService.getVariable(followUp.getId(), "slots").toString()).json();
        assertThat(slots).isNotEmpty();
        return slots.get(0).get("value").asText();
    }

    /** The e-RS states the referral's follow-up recorded, oldest first. */
    private List<String> statesSeen(ProcessInstance referral) {
        return jdbc.queryForList("select status from ers_state_seen where business_key = ? order by id", String.class,
                referral.getBusinessKey());
    }

    /** The referral's follow-up once it waits at {@code activityId}. */
    ProcessInstance awaitFollowUpWaitingAt(ProcessInstance referral, String activityId) {
        ProcessInstance[] found = new ProcessInstance[1];
        await("follow-up of " + referral.getBusinessKey() + " at " + activityId, () -> {
            found[0] = runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                    .processInstanceBusinessKey(referral.getBusinessKey()).singleResult();
            return found[0] != null && runtimeService.getActiveActivityIds(found[0].getId()).contains(activityId);
        }, referral);
        return found[0];
    }
}
