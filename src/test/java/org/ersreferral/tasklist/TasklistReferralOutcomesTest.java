package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_AWAITING_PATIENT_BOOKING;
import static org.ersreferral.process.ReferralProcess.END_BOOKING_DEFERRED;
import static org.ersreferral.process.ReferralProcess.END_REJECTED_REFERRAL_CANCELLED;
import static org.ersreferral.process.ReferralProcess.END_SEARCH_ABANDONED;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SLOT;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * The outcomes a coordinator reaches in Tasklist besides a booking, a coordinator's deferral and
 * triage: the patient books by phone, the search is abandoned, the referral is cancelled after
 * e-RS refused a step, and the booking is deferred because the service has no free slot.
 */
class TasklistReferralOutcomesTest extends TasklistBrowserTest {

    @Test
    void leavesTheBookingToThePatientAtAnIndirectlyBookableService() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", "Cardiology: heart failure");

        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.tick("Community Heart Failure Service");
        tasklist.screenshot("choose-shortlist");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose shortlist");

        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.chooseFile("ersReferralLetter1", referralLetterPdf());
        tasklist.screenshot("attach-referral-letter");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
        JsonNode view = referralView(referral);
        assertThat(view.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(view.get("outcome").asText()).isEqualTo("AWAITING_PATIENT_BOOKING");
        assertThat(view.get("ubrn").asText()).matches("\\d{12}");

        JsonNode simulated = onlySimulatorReferral();
        assertThat(simulated.get("ubrn").asText()).isEqualTo(view.get("ubrn").asText());
        assertThat(simulated.get("status").asText()).isEqualTo("NOT_BOOKED");
        assertThat(simulated.get("shortlist").toString()).contains("51002");
        assertThat(simulated.get("attachmentCount").asInt()).isEqualTo(1);
    }

    @Test
    void abandonsTheReferralWhenNoServiceIsFound() {
        ProcessInstance referral = startReferral("Routine", "Allergy", null);

        tasklist.openAndClaimTask("Refine the service search");
        tasklist.awaitText("No services found");
        tasklist.tick("Abandon this referral");
        tasklist.screenshot("refine-search-abandon");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Refine the service search");

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_SEARCH_ABANDONED);
        JsonNode view = referralView(referral);
        assertThat(view.get("outcome").asText()).isEqualTo("SEARCH_ABANDONED");
        assertThat(view.get("ubrn").isNull() || view.get("ubrn").isMissingNode()).isTrue();
        assertThat(variable(referral, "abandonSearch")).isEqualTo(true);
        // Nothing was created in e-RS.
        assertThat(simulatorReferrals()).isEmpty();
    }

    @Test
    void cancelsTheReferralWhenTheCoordinatorGivesUpAndChoosesToCancelItInErs() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", "Cardiology: lipid management");
        shortlistAndBookNow("Good Cardiology Business Service");
        // e-RS refuses the search for free slots, once: a business refusal, not a fault to retry.
        armFault("A015", 422, 1, 0);

        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.tickEmbedded("Add the letter later");
        tasklist.screenshot("attach-referral-letter");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");

        tasklist.openAndClaimTask("Resolve e-RS rejection");
        tasklist.awaitText("Step: Find free slots");
        tasklist.awaitText("What e-RS said: e-RS refused the request (422): Simulated fault on A015: status 422.");
        // Cancelling is the coordinator's explicit choice, made knowing the referral's current e-RS status.
        // The UBRN in groups, as everywhere; the status in words.
        String ubrn = onlySimulatorReferral().get("ubrn").asText().replaceAll("(\\d{4})(\\d{4})(\\d{4})", "$1 $2 $3");
        tasklist.awaitText("e-RS has referral " + ubrn + "; its status in e-RS now: not booked yet.");
        tasklist.awaitText("Giving up leaves it in e-RS as it is unless you choose to cancel it there.");
        tasklist.chooseRadio("What next?", "Give up and cancel the referral in e-RS");
        tasklist.screenshot("resolve-rejection-give-up");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Resolve e-RS rejection");

        HistoricProcessInstance ended = awaitEnd(referral);
        // It ends in the event sub-process "e-RS step given up", at its end for a referral cancelled in e-RS.
        assertThat(ended.getEndActivityId()).isEqualTo(org.ersreferral.process.ReferralProcess.SUBPROCESS_ERS_STEP_GIVEN_UP);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(referral.getId())
                .activityId(END_REJECTED_REFERRAL_CANCELLED).count()).isEqualTo(1);
        JsonNode view = referralView(referral);
        assertThat(view.get("outcome").asText()).isEqualTo("CANCELLED");
        assertThat(variable(referral, "resolution")).isEqualTo("CANCEL_IN_ERS");

        JsonNode simulated = onlySimulatorReferral();
        assertThat(simulated.get("ubrn").asText()).isEqualTo(view.get("ubrn").asText());
        assertThat(simulated.get("status").asText()).isEqualTo("CANCELLED_REFERRAL");
    }

    @Test
    void defersTheBookingToTheProviderWhenTheServiceHasNoFreeSlot() {
        ProcessInstance referral = startReferral("Urgent", "Cardiology", "Cardiology: heart failure");
        shortlistAndBookNow("Cardiology Business Service - No Slots");

        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.tickEmbedded("Add the letter later");
        tasklist.screenshot("attach-referral-letter");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);
        JsonNode view = referralView(referral);
        assertThat(view.get("outcome").asText()).isEqualTo("DEFERRED_TO_PROVIDER");
        assertThat(variable(referral, "deferralReason")).isEqualTo("NO_SLOTS_AT_SERVICE");
        // Deferred without asking: no slot was offered to choose from.
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(referral.getId())
                .taskDefinitionKey(TASK_CHOOSE_SLOT).count()).isZero();

        JsonNode simulated = onlySimulatorReferral();
        assertThat(simulated.get("status").asText()).isEqualTo("DEFERRED_TO_PROVIDER");
        assertThat(simulated.get("shortlist").toString()).contains("11021");
    }
}
