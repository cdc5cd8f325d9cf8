package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_APPOINTMENT_BOOKED;
import static org.ersreferral.process.ReferralProcess.END_BOOKING_DEFERRED;
import static org.ersreferral.process.ReferralProcess.END_SENT_FOR_TRIAGE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/** A coordinator works referrals to each of their ends in Tasklist, as a person would click them. */
class TasklistReferralPathsTest extends TasklistBrowserTest {

    @Test
    void booksAnAppointmentWithAnUploadedReferralLetter() {
        ProcessInstance referral = startReferral("Urgent", "Cardiology", "Cardiology: lipid management");

        shortlistAndBookNow("Good Cardiology Business Service");

        Path letter = referralLetterPdf();
        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.chooseFile("ersReferralLetter1", letter);
        tasklist.screenshot("attach-referral-letter");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");

        tasklist.openAndClaimTask("Choose appointment slot");
        String slotLabel = tasklist.chooseFirstRadio("Free slots");
        tasklist.screenshot("choose-slot");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose appointment slot");

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);
        assertThat(variable(referral, "outcome")).isEqualTo("BOOKED");
        assertThat(variable(referral, "nhsNumber")).isEqualTo(VALID_NHS_NUMBER);
        assertThat(variable(referral, "priority")).isEqualTo("URGENT");
        assertThat(variable(referral, "clinicType")).isEqualTo("LIPID_MANAGEMENT");
        Object slotId = variable(referral, "slotId");
        assertThat(slotId).isNotNull();
        assertThat(slotLabel).isNotBlank();

        JsonNode simulated = onlySimulatorReferral();
        assertThat(simulated.get("ubrn").asText()).isEqualTo(variable(referral, "ubrn")).matches("\\d{12}");
        assertThat(simulated.get("nhsNumber").asText()).isEqualTo(VALID_NHS_NUMBER);
        assertThat(simulated.get("status").asText()).isEqualTo("BOOKED");
        assertThat(simulated.get("attachmentCount").asInt()).isEqualTo(1);
        assertThat(simulated.get("shortlist").toString()).contains("11002");
        assertThat(simulated.get("appointment").get("slotId").asText()).isEqualTo(slotId.toString());
    }

    @Test
    void defersTheBookingWhenTheCoordinatorFindsNoSuitableSlot() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", "Cardiology: lipid management");

        shortlistAndBookNow("Good Cardiology Business Service");

        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.tickEmbedded("Add the letter later");
        tasklist.screenshot("attach-referral-letter");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");

        tasklist.openAndClaimTask("Choose appointment slot");
        tasklist.tick("None suits the patient");
        tasklist.type("Why none of the slots suits", "The patient can only attend in the afternoon.");
        tasklist.screenshot("choose-slot-defer");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose appointment slot");

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_BOOKING_DEFERRED);
        assertThat(variable(referral, "outcome")).isEqualTo("DEFERRED_TO_PROVIDER");
        assertThat(variable(referral, "deferToProvider")).isEqualTo(true);
        assertThat(variable(referral, "deferralComment")).isEqualTo("The patient can only attend in the afternoon.");

        JsonNode simulated = onlySimulatorReferral();
        assertThat(simulated.get("status").asText()).isEqualTo("DEFERRED_TO_PROVIDER");
        assertThat(simulated.get("attachmentCount").asInt()).isZero();
        assertThat(simulated.get("appointment").isNull() || simulated.get("appointment").isMissingNode()
                || !simulated.get("appointment").has("slotId") || simulated.get("appointment").get("slotId").isNull()).isTrue();
    }

    @Test
    void sendsATriageReferralIntoTriage() {
        ProcessInstance referral = startReferral("Urgent", "Cardiology", "Cardiology: chest pain");

        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.tick("Cardiology Triage Service");
        tasklist.screenshot("choose-shortlist");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose shortlist");

        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.tickEmbedded("Add the letter later");
        tasklist.screenshot("attach-referral-letter");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_SENT_FOR_TRIAGE);
        assertThat(variable(referral, "outcome")).isEqualTo("SENT_FOR_TRIAGE");

        JsonNode simulated = onlySimulatorReferral();
        assertThat(simulated.get("status").asText()).isNotIn("NOT_BOOKED", "CANCELLED", "BOOKED");
        assertThat(simulated.get("shortlist").toString()).contains("50001").doesNotContain("11002");
    }
}
