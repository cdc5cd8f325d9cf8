package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SLOT;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.process.FollowUp;
import org.ersreferral.worklist.WorklistSyncScheduler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Act on the returned referral" in real Chromium: a booked referral's appointment is cancelled by the
 * provider in e-RS, the organisation's worklists are read, and the coordinator sees in the task what e-RS
 * says (state, reason, the provider's words) with only the choices e-RS allows, books again and the
 * referral is followed on. Another organisation's coordinator never sees the task.
 */
class TasklistReturnedReferralTest extends TasklistBrowserTest {

    @Autowired
    WorklistSyncScheduler worklists;
    @Autowired
    TaskService taskService;

    @Test
    void aReferralWhoseAppointmentTheProviderCancelledIsBookedAgainFromItsTask() {
        ProcessInstance referral = bookedThroughTheApi("returned-1");
        String ubrn = (String) variable(referral, "ubrn");
        awaitFollowUpAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);

        LiveApplication.Answer cancelled = app.post("/ers-sim/admin/referrals/" + ubrn + "/provider-cancels-appointment", "admin",
                Map.of("reason", "CLINIC_CANCELLED", "comments", "Consultant unwell; please rebook"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(worklists.syncNow("R69")).isTrue();

        tasklist.openAndClaimTask("Act on the returned referral");
        tasklist.awaitText("e-RS handed the referral back");
        String view = tasklist.bodyText();
        assertThat(view).contains("State in e-RS: appointment cancelled by the provider", "Reason: Clinic cancelled",
                "The provider's words: Consultant unwell; please rebook", "Book an appointment", "Cancel the referral in e-RS",
                "Keep following: it was dealt with in e-RS");
        assertThat(view).as("no codes for people").doesNotContain("APPT_CANCELLED_BY_PROVIDER", "CLINIC_CANCELLED",
                "CREATE_APPOINTMENT");
        assertThat(view).as("the patient's context").contains("991 200 3888");
        tasklist.screenshot("act-on-returned-referral");

        // A cancellation asks why, in the form; booking does not.
        tasklist.chooseRadio("What next?", "Cancel the referral in e-RS");
        tasklist.awaitText("Why cancel");
        tasklist.chooseRadio("What next?", "Book an appointment");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Act on the returned referral");

        tasklist.openAndClaimTask("Choose appointment slot");
        tasklist.chooseFirstRadio("Free slots");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose appointment slot");

        ProcessInstance followUp = awaitFollowUpAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        JsonNode simulated = onlySimulatorReferral();
        assertThat(simulated.get("status").asText()).isEqualTo("BOOKED");
        assertThat(runtimeService.getVariable(followUp.getId(), "patientLetter")).as("a letter with the new appointment").isNotNull();

        // Another organisation's coordinator finds no task of it, through the engine's API either.
        LiveApplication.Answer theirs = app.get("/engine-rest/task?processDefinitionKey=" + FollowUp.PROCESS_KEY, "coordinator-b");
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.json()).isEmpty();
        LiveApplication.Answer history = app.get("/engine-rest/history/task?processDefinitionKey=" + FollowUp.PROCESS_KEY
                + "&taskDefinitionKey=" + FollowUp.TASK_ACT_ON_RETURNED_REFERRAL, "coordinator-b");
        assertThat(history.status()).as("coordinators do not read task history over REST at all").isEqualTo(403);
    }

    /** A referral booked at sending, started and worked through the application's API and the engine. */
    private ProcessInstance bookedThroughTheApi(String requestId) {
        LiveApplication.Answer started = app.post("/api/referrals", "coordinator", Map.of("requestId", requestId,
                "nhsNumber", VALID_NHS_NUMBER, "priority", "URGENT", "specialty", "CARDIOLOGY", "clinicType", "LIPID_MANAGEMENT"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        ProcessInstance referral = runtimeService.createProcessInstanceQuery()
                .processInstanceId(started.json().get("processInstanceId").asText()).singleResult();
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", SpinValues.jsonValue("[\"11002\"]").create(),
                "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        String slots = String.valueOf(awaitVariable(referral, "slots"));
        String slot = new LiveApplication.Answer(200, slots).json().get(0).get("value").asText();
        complete(referral, TASK_CHOOSE_SLOT, Map.of("slotId", slot));
        awaitEnd(referral);
        return referral;
    }

    private void complete(ProcessInstance referral, String taskKey, Map<String, Object> variables) {
        Task[] task = new Task[1];
        await("task " + taskKey, () -> (task[0] = taskService.createTaskQuery().processInstanceId(referral.getId())
                .taskDefinitionKey(taskKey).singleResult()) != null);
        taskService.complete(task[0].getId(), variables);
    }

    private Object awaitVariable(ProcessInstance referral, String name) {
        await("variable " + name, () -> runtimeService.getVariable(referral.getId(), name) != null);
        return runtimeService.getVariable(referral.getId(), name);
    }

    private ProcessInstance awaitFollowUpAt(ProcessInstance referral, String activityId) {
        ProcessInstance[] found = new ProcessInstance[1];
        await("the follow-up at " + activityId, () -> {
            found[0] = runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                    .processInstanceBusinessKey(referral.getBusinessKey()).singleResult();
            return found[0] != null && runtimeService.getActiveActivityIds(found[0].getId()).contains(activityId);
        });
        return found[0];
    }
}
