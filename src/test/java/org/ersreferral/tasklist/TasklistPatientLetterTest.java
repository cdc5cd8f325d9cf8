package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_APPOINTMENT_BOOKED;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A coordinator starts a referral in Tasklist asking for the letter task (ticked by default),
 * describes the need from e-RS's lists, books, and downloads the patient letter from the task.
 */
class TasklistPatientLetterTest extends TasklistBrowserTest {

    @Test
    void theCoordinatorDownloadsThePatientLetterAndConfirmsItWasHandedOver() throws Exception {
        tasklist.openStartForm(PROCESS_NAME);
        tasklist.type("NHS number", VALID_NHS_NUMBER);
        tasklist.select("Priority", "Urgent");
        assertThat(tasklist.isTicked(LETTER_TASK_BOX)).as("the letter task is asked for by default").isTrue();
        tasklist.screenshot("start-form-letter-task");
        tasklist.pressStart();
        ProcessInstance referral = awaitStartedReferral();

        tasklist.openAndClaimTask("Describe the need — urgent");
        tasklist.select("Specialty", "Cardiology");
        // Only the chosen specialty's clinic types are offered.
        assertThat(tasklist.selectOptions("Clinic type")).isNotEmpty().allMatch(option -> option.startsWith("Cardiology"));
        tasklist.screenshot("describe-need-clinic-types-of-the-specialty");
        tasklist.select("Clinic type", "Cardiology: Lipid Management");
        tasklist.screenshot("describe-need");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Describe the need");

        shortlistAndBookNow("Good Cardiology Business Service");
        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.tickEmbedded("Add the letter later");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");
        tasklist.openAndClaimTask("Choose appointment slot");
        tasklist.chooseFirstRadio("Free slots");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose appointment slot");

        tasklist.openAndClaimTask("Give the patient their letter — Cardiology, booked");
        String ubrn = (String) runtimeService.getVariable(referral.getId(), "ubrn");
        String fileName = "patient-letter-appointment-booked-" + ubrn + ".pdf";
        By link = By.cssSelector("a.ers-patient-letter-download");
        tasklist.awaitVisibleText(link, fileName);
        tasklist.awaitText("The appointment is booked.");
        tasklist.awaitText(ubrn.replaceAll("(\\d{4})(\\d{4})(\\d{4})", "$1 $2 $3"));
        tasklist.screenshot("give-patient-letter");

        Path letter = tasklist.download(link);
        assertThat(letter.getFileName().toString()).isEqualTo(fileName).doesNotContain(VALID_NHS_NUMBER);
        byte[] pdf = Files.readAllBytes(letter);
        assertThat(new String(Arrays.copyOf(pdf, 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains(ubrn).containsIgnoringCase("appointment");
        }

        // Completing without saying how the letter went is refused by the form.
        tasklist.pressComplete();
        tasklist.awaitVisibleText(By.cssSelector(".ers-handover-problem"), "handed over or posted");
        tasklist.chooseEmbeddedOption("ersPatientLetterHandover", "Letter handed over to the patient");
        tasklist.screenshot("give-patient-letter-handed-over");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Give the patient their letter");

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);
        assertThat(variable(referral, "patientLetterHandover")).isEqualTo("HANDED_OVER");
        assertThat(variable(referral, "clinicType")).isEqualTo("LIPID_MANAGEMENT");
        assertThat(onlySimulatorReferral().get("status").asText()).isEqualTo("BOOKED");
    }
}
