package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SLOT;
import static org.ersreferral.process.ReferralProcess.TASK_RECONCILE_REFERRAL;
import static org.ersreferral.process.ReferralProcess.TASK_REFINE_SEARCH;
import static org.ersreferral.process.ReferralProcess.TASK_RESOLVE_REJECTION;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * What a coordinator is told, word for word, when the letter, slot, rejection, search and
 * reconciliation tasks cannot be completed as filled in, and that the task stays open.
 */
class TasklistLetterAndSlotMessagesTest extends TasklistBrowserTest {

    // --- Attach referral letter (checked in the browser before anything is uploaded) -------------

    @Test
    void refusesALetterFileOfATypeErsDoesNotAccept() {
        ProcessInstance referral = referralAtTheLetterTask();

        tasklist.chooseFile("ersReferralLetter1", zipOf(referralLetterPdf()));
        String expected = "referral-letter.zip is of a type e-RS does not accept; use PDF, Word, RTF, text, OpenDocument text,"
                + " Excel, CSV or an image.";
        assertThat(tasklist.letterFormProblem()).isEqualTo(expected);
        tasklist.screenshot("attach-referral-letter-wrong-type");
        tasklist.pressComplete();
        assertThat(tasklist.letterFormProblem()).isEqualTo(expected);
        tasklist.screenshot("attach-referral-letter-refused");

        assertLetterTaskStillOpenWithNothingUploaded(referral);
    }

    @Test
    void refusesALetterFileOverFiveMegabytes() throws IOException {
        ProcessInstance referral = referralAtTheLetterTask();
        Path large = textFile("referral-letter.txt", 5_400_000);

        tasklist.chooseFile("ersReferralLetter1", large);
        String expected = "referral-letter.txt is " + (long) Math.ceil(Files.size(large) / 1024.0)
                + " KB; e-RS accepts files up to 5 MB.";
        assertThat(tasklist.letterFormProblem()).isEqualTo(expected);
        tasklist.screenshot("attach-referral-letter-too-large");
        tasklist.pressComplete();
        assertThat(tasklist.letterFormProblem()).isEqualTo(expected);
        tasklist.screenshot("attach-referral-letter-refused");

        assertLetterTaskStillOpenWithNothingUploaded(referral);
    }

    @Test
    void refusesAnEmptyLetterFile() {
        ProcessInstance referral = referralAtTheLetterTask();

        tasklist.chooseFile("ersReferralLetter1", textFile("referral-letter.pdf", 0));
        assertThat(tasklist.letterFormProblem()).isEqualTo("referral-letter.pdf is empty.");
        tasklist.screenshot("attach-referral-letter-empty-file");
        tasklist.pressComplete();
        assertThat(tasklist.letterFormProblem()).isEqualTo("referral-letter.pdf is empty.");
        tasklist.screenshot("attach-referral-letter-refused");

        assertLetterTaskStillOpenWithNothingUploaded(referral);
    }

    @Test
    void refusesFilesTogetherWithAddingTheLetterLater() {
        ProcessInstance referral = referralAtTheLetterTask();

        tasklist.chooseFile("ersReferralLetter1", referralLetterPdf());
        tasklist.tickEmbedded("Add the letter later");
        tasklist.screenshot("attach-referral-letter-both");
        // The chosen file is read in the background; until then the form asks to complete again.
        String problem;
        int attempts = 0;
        do {
            tasklist.pressComplete();
            problem = tasklist.letterFormProblem();
        } while (problem.contains("still being read") && ++attempts < 10);
        assertThat(problem).isEqualTo(
                "You chose files and also \"Add the letter later\": remove the files or untick \"Add the letter later\".");
        tasklist.screenshot("attach-referral-letter-refused");

        assertLetterTaskStillOpenWithNothingUploaded(referral);
    }

    // --- Choose appointment slot ------------------------------------------------------------------

    @Test
    void keepsTheSlotTaskOpenWhenNeitherASlotNorADeferralIsChosen() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", "Cardiology: lipid management");
        shortlistAndBookNow("Good Cardiology Business Service");
        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.tickEmbedded("Add the letter later");
        tasklist.screenshot("attach-referral-letter");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");

        tasklist.openAndClaimTask("Choose appointment slot");
        tasklist.screenshot("choose-slot-nothing");
        tasklist.pressComplete();
        assertThat(tasklist.fieldError("Free slots")).isEqualTo("Field is required.");
        tasklist.screenshot("choose-slot-refused");

        assertThat(openTasks(referral, TASK_CHOOSE_SLOT)).isEqualTo(1);
        assertThat(runtimeService.getVariable(referral.getId(), "slotId")).isNull();
        assertThat(onlySimulatorReferral().get("status").asText()).isEqualTo("NOT_BOOKED");
    }

    // --- Resolve e-RS rejection, Refine the service search, Check whether e-RS created the referral

    @Test
    void keepsTheRejectionTaskOpenUntilTheCoordinatorDecides() {
        armFault("A010", 422, 1, 0);
        ProcessInstance referral = startReferral("Routine", "Cardiology", null);

        tasklist.openAndClaimTask("Resolve e-RS rejection");
        tasklist.awaitText("Step: Search e-RS services");
        tasklist.awaitText("What e-RS said: e-RS refused the request (422): Simulated fault on A010: status 422.");
        tasklist.screenshot("resolve-rejection-nothing");
        tasklist.pressComplete();
        assertThat(tasklist.fieldError("What next?")).isEqualTo("Field is required.");
        tasklist.screenshot("resolve-rejection-refused");

        assertThat(openTasks(referral, TASK_RESOLVE_REJECTION)).isEqualTo(1);
        assertThat(runtimeService.getVariable(referral.getId(), "resolution")).isNull();
    }

    @Test
    void keepsTheRefineTaskOpenWithoutASpecialtyToSearch() {
        ProcessInstance referral = startReferral("Routine", "Allergy", null);

        tasklist.openAndClaimTask("Refine the service search");
        tasklist.clearSelect("Specialty");
        assertThat(tasklist.fieldError("Specialty")).isEqualTo("Field is required.");
        tasklist.screenshot("refine-search-no-specialty");
        // Tasklist offers no Complete while the form shows a problem.
        assertThat(tasklist.completeButtonEnabled()).isFalse();

        assertThat(openTasks(referral, TASK_REFINE_SEARCH)).isEqualTo(1);
        assertThat(runtimeService.getVariable(referral.getId(), "specialty")).isEqualTo("ALLERGY");
    }

    @Test
    void keepsTheReconciliationTaskOpenForAUbrnThatIsNotTwelveDigits() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", "Cardiology: lipid management");
        // The create's answer comes after the client's read timeout (3 s in these tests).
        armFault("A011", 0, 1, 5_000);
        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.tick("Good Cardiology Business Service");
        tasklist.screenshot("choose-shortlist");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose shortlist");

        tasklist.openAndClaimTask("Check whether e-RS created the referral");
        tasklist.type("UBRN of the referral found in e-RS", "0000 4567");
        tasklist.screenshot("reconcile-referral-short-ubrn");
        tasklist.pressComplete();
        assertThat(tasklist.notificationMessage()).isEqualTo("A UBRN is 12 digits; leave it empty if e-RS shows no such referral");
        tasklist.screenshot("reconcile-referral-refused");

        assertThat(openTasks(referral, TASK_RECONCILE_REFERRAL)).isEqualTo(1);
        assertThat(runtimeService.getVariable(referral.getId(), "ubrn")).isNull();
        // e-RS did create it, late: waited for, so it lands before the next test starts from an empty e-RS.
        await("the late create to reach e-RS", () -> simulatorReferrals().size() == 1);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private ProcessInstance referralAtTheLetterTask() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", "Cardiology: lipid management");
        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.tick("Good Cardiology Business Service");
        tasklist.screenshot("choose-shortlist");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose shortlist");
        tasklist.openAndClaimTask("Attach referral letter");
        return referral;
    }

    private void assertLetterTaskStillOpenWithNothingUploaded(ProcessInstance referral) {
        assertThat(openTasks(referral, TASK_ATTACH_REFERRAL_LETTER)).isEqualTo(1);
        assertThat(onlySimulatorReferral().get("attachmentCount").asInt()).isZero();
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().path("A020").asInt()).isZero();
    }

    /** A text file of this many bytes, as a scanner's OCR output might be. */
    private static Path textFile(String name, int bytes) {
        try {
            Path file = Files.createTempDirectory("letter-").resolve(name);
            byte[] line = "Referral letter: please see this patient in the lipid clinic.\n".getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int written = 0; written < bytes; written += line.length) {
                    out.write(line, 0, Math.min(line.length, bytes - written));
                }
            }
            file.toFile().deleteOnExit();
            file.getParent().toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The letter packed in a ZIP archive, a type e-RS does not take. */
    private static Path zipOf(Path letter) {
        try {
            Path zip = letter.resolveSibling("referral-letter.zip");
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                out.putNextEntry(new ZipEntry(letter.getFileName().toString()));
                Files.copy(letter, out);
                out.closeEntry();
            }
            zip.toFile().deleteOnExit();
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
