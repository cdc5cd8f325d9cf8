package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_APPOINTMENT_BOOKED;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/**
 * A coordinator works a referral through every form it meets and always knows whose it is: the task
 * in the list and the form's header show the patient (name and NHS number in groups), the request id
 * and, once e-RS has one, the UBRN in groups; and nowhere is there a code, an empty value, a regular
 * expression or a raw task priority to read.
 */
class TasklistPatientContextTest extends TasklistBrowserTest {

    static final String PATIENT_NAME = "Jane Smith";
    static final String PATIENT = PATIENT_NAME + ", NHS number 991 200 3888";

    /** What a coordinator must never have to read: codes, empty values, patterns. */
    static final List<Pattern> CODES = List.of(
            Pattern.compile("\\b(ROUTINE|URGENT|CARDIOLOGY|BOOKED|POSTED|UNKNOWN)\\b"),
            // any code of the SNAKE_CASE kind: TWO_WEEK_WAIT, LIPID_MANAGEMENT, DEFERRED_TO_PROVIDER, SPEC_...
            Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b"),
            Pattern.compile(Pattern.quote("<Empty>")),
            Pattern.compile(Pattern.quote("<Undefined>")),
            Pattern.compile(Pattern.quote("^[")),
            Pattern.compile(Pattern.quote("\\d")),
            Pattern.compile(Pattern.quote("[A-Za-z")));

    @Test
    void everyFormAndListItemSaysWhoseReferralItIsInWordsOnly() {
        tasklist.openStartForm(PROCESS_NAME);
        tasklist.type("NHS number", VALID_NHS_NUMBER);
        tasklist.type("name", PATIENT_NAME);
        tasklist.select("Priority", "Two-week wait");
        tasklist.setTicked(LETTER_TASK_BOX, true);
        assertThat(tasklist.formField("Named clinician").getText()).contains("SDS user ID").contains("12-digit");
        assertNoCodes("the start form", text(".modal-dialog"));
        tasklist.screenshot("start-form");
        tasklist.pressStart();
        ProcessInstance referral = awaitStartedReferral();
        String requestId = referral.getBusinessKey();
        assertThat(requestId).isNotBlank();

        // Describe the need: only the chosen specialty's clinic types are offered.
        openWithContext("Describe the need", requestId, null);
        tasklist.select("Specialty", "Cardiology");
        List<String> clinicTypes = tasklist.selectOptions("Clinic type");
        assertThat(clinicTypes).isNotEmpty().allMatch(option -> option.startsWith("Cardiology"));
        tasklist.select("Clinic type", "Cardiology: Lipid Management");
        assertNoCodes("Describe the need", taskView());
        tasklist.screenshot("describe-need");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Describe the need");

        // Choose shortlist: a form's own refusal says what is wrong, and goes once the task is done.
        openWithContext("Choose shortlist", requestId, null);
        tasklist.pressComplete();
        String refusal = tasklist.notificationMessage();
        assertThat(refusal).as("the words of a form's own refusal").isEqualTo("Check this field: Services found by e-RS (Field is required).");
        tasklist.screenshot("choose-shortlist-refused");
        tasklist.tick("Good Cardiology Business Service");
        tasklist.until("the refusal to go once its field is corrected", d -> visibleErrors().isEmpty());
        tasklist.select("Book an appointment now at", "Good Cardiology Business Service");
        assertNoCodes("Choose shortlist", taskView());
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose shortlist");

        // Attach the referral letter (an embedded form): the same header; the earlier error has gone.
        openWithContext("Attach referral letter", requestId, "form.ers-attach-referral-letter .ers-referral-context");
        assertThat(visibleErrors()).as("errors left from the earlier task").isEmpty();
        String ubrn = (String) runtimeService.getVariable(referral.getId(), "ubrn");
        String groupedUbrn = ubrn.replaceAll("(\\d{4})(\\d{4})(\\d{4})", "$1 $2 $3");
        assertThat(text("form.ers-attach-referral-letter .ers-referral-context")).contains("UBRN: " + groupedUbrn);
        tasklist.tickEmbedded("Add the letter later");
        assertNoCodes("Attach referral letter", taskView());
        tasklist.screenshot("attach-referral-letter");
        tasklist.completeLetterTask();
        tasklist.awaitTaskGone("Attach referral letter");

        // Choose a slot: date, time, clinic, location and clinician in each option; the UBRN in the list too.
        openWithContext("Choose appointment slot", requestId, null);
        assertThat(listItem("Choose appointment slot")).contains("UBRN: " + groupedUbrn);
        assertThat(taskView()).contains("UBRN: " + groupedUbrn).doesNotContain(ubrn);
        String slot = tasklist.chooseFirstRadio("Free slots");
        assertThat(slot).matches("\\w{3} \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} · Good Cardiology Business Service, .+ · .+");
        assertNoCodes("Choose appointment slot", taskView());
        tasklist.screenshot("choose-slot");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose appointment slot");

        // Give the patient their letter (an embedded form).
        openWithContext("Give the patient their letter", requestId, "form.ers-give-patient-letter .ers-referral-context");
        assertThat(text("form.ers-give-patient-letter .ers-referral-context")).contains("UBRN: " + groupedUbrn);
        tasklist.chooseEmbeddedOption("ersPatientLetterHandover", "Letter handed over to the patient");
        assertNoCodes("Give the patient their letter", taskView());
        tasklist.screenshot("give-patient-letter");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Give the patient their letter");

        HistoricProcessInstance ended = awaitEnd(referral);
        assertThat(ended.getEndActivityId()).isEqualTo(END_APPOINTMENT_BOOKED);
        assertThat(variable(referral, "patientName")).isEqualTo(PATIENT_NAME);
        // Task names are copied into history: none carries the patient, the request or the UBRN.
        historyService.createHistoricTaskInstanceQuery().rootProcessInstanceId(referral.getId()).list()
                .forEach(task -> assertThat(task.getName()).doesNotContain("Jane").doesNotContain("3888")
                        .doesNotContain("991 200").doesNotContain(requestId).doesNotContain(ubrn.substring(4)));
    }

    @Test
    void theRejectionAndRefineFormsSayWhoseReferralInWordsAndOfferOnlyTheSpecialtysClinicTypes() {
        armFault("A010", 422, 1, 0);
        tasklist.openStartForm(PROCESS_NAME);
        tasklist.type("NHS number", VALID_NHS_NUMBER);
        tasklist.type("name", PATIENT_NAME);
        tasklist.select("Priority", "Routine");
        tasklist.setTicked(LETTER_TASK_BOX, false);
        tasklist.pressStart();
        ProcessInstance referral = awaitStartedReferral();
        String requestId = referral.getBusinessKey();
        openWithContext("Describe the need", requestId, null, "Routine");
        tasklist.select("Specialty", "Allergy");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Describe the need");

        // An e-RS step's task (in ers-step) says whose referral it is like the referral's own.
        openWithContext("Resolve e-RS rejection", requestId, null, "Routine");
        assertNoCodes("Resolve e-RS rejection", taskView());
        tasklist.screenshot("resolve-rejection");
        tasklist.chooseRadio("What next?", "Try the step again");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Resolve e-RS rejection");

        // Nothing found for Allergy: refine, with the clinic types of the specialty chosen now.
        openWithContext("Refine the service search", requestId, null, "Routine");
        assertThat(visibleErrors()).as("errors left from the earlier task").isEmpty();
        tasklist.select("Specialty", "Cardiology");
        assertThat(tasklist.selectOptions("Clinic type")).containsExactly("Chest pain", "Heart failure", "Lipid management");
        tasklist.select("Specialty", "Orthopaedics");
        assertThat(tasklist.selectOptions("Clinic type")).containsExactly("Hip", "Knee", "Spine");
        assertThat(tasklist.formField("Named clinician").getText()).contains("SDS user ID");
        assertNoCodes("Refine the service search", taskView());
        tasklist.screenshot("refine-search");
        tasklist.tick("Abandon this referral");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Refine the service search");
        awaitEnd(referral);
    }

    /**
     * Opens and claims the task, then checks the list item and the form's header say whose referral it
     * is, Tasklist's raw task priority, its end-of-life banner and its link to Cockpit are not shown, and the
     * process link leads to the referral's row in My referrals. {@code header} locates an embedded form's
     * header; null for a Camunda Form's.
     */
    private void openWithContext(String taskName, String requestId, String header) {
        openWithContext(taskName, requestId, header, "Two-week wait");
    }

    private void openWithContext(String taskName, String requestId, String header, String priority) {
        tasklist.openAndClaimTask(taskName);
        String item = listItem(taskName);
        assertThat(item).as("the list item of " + taskName).contains("Patient: " + PATIENT).contains("Request: " + requestId)
                .contains("Priority: " + priority);
        assertNoCodes("the list item of " + taskName, item);
        if (header == null) {
            tasklist.awaitVisibleText(By.cssSelector(".fjs-form-field-text"), "Patient: " + PATIENT);
            assertThat(taskView()).contains("Request: " + requestId);
        } else {
            tasklist.awaitVisibleText(By.cssSelector(header), "Patient: " + PATIENT);
            assertThat(text(header)).contains("Request: " + requestId).contains("Priority: " + priority);
        }
        // Looked for afresh each time: Tasklist redraws its list while it refreshes.
        tasklist.until("raw priorities, the end-of-life banner and the Cockpit link hidden", d -> {
            try {
                return d.findElements(By.cssSelector(".tasks-list .task .priority, .ce-eol-banner, .task-card .instance-link"))
                        .stream().noneMatch(WebElement::isDisplayed);
            } catch (StaleElementReferenceException redrawn) {
                return false;
            }
        });
        WebElement myReferrals = tasklist.visible(By.cssSelector(".task-card a.ers-my-referrals-link"));
        tasklist.until("the link to My referrals", d -> myReferrals.getAttribute("href") != null
                && myReferrals.getAttribute("href").endsWith("/my-referrals/#" + requestId));
    }

    private String listItem(String taskName) {
        WebElement link = tasklist.visible(By.xpath("//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'"
                + taskName + "')]"));
        // All of it, also what Tasklist folds away until the card is expanded; label and value on one line.
        return link.findElement(By.xpath("./ancestor::li[1]")).getAttribute("textContent").replaceAll("\\s+", " ");
    }

    private String taskView() {
        return text(".task-card");
    }

    private String text(String css) {
        StringBuilder text = new StringBuilder();
        for (WebElement element : tasklist.findAll(By.cssSelector(css))) {
            text.append(element.getText()).append('\n');
        }
        return text.toString();
    }

    private List<String> visibleErrors() {
        List<String> errors = new ArrayList<>();
        for (WebElement alert : tasklist.findAll(By.cssSelector(".notifications .alert-danger"))) {
            if (alert.isDisplayed()) {
                errors.add(alert.getText());
            }
        }
        return errors;
    }

    private void assertNoCodes(String where, String text) {
        for (Pattern code : CODES) {
            Matcher found = code.matcher(text);
            if (found.find()) {
                throw new AssertionError(where + " shows '" + found.group() + "' (" + code + ") in:\n" + text);
            }
        }
    }
}
