package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.lifecycle.LiveApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a coordinator is told in Tasklist when the start form or the shortlist breaks a rule, word for
 * word, and that nothing goes ahead; and the webapp API Tasklist submits forms through, which
 * answers a refusal of the referral's checks with 400 and the check's own words.
 */
class TasklistValidationTest extends TasklistBrowserTest {

    /** Tasklist's own notifications (not the form's texts). */
    static final By NOTIFICATION = By.xpath("//*[contains(@class,'alert') and not(ancestor::*[contains(@class,'fjs-form')])]");

    @Autowired
    TaskService taskService;

    // --- the start form --------------------------------------------------------------------------

    @Test
    void refusesAnNhsNumberWithAWrongCheckDigitOnStart() {
        long before = referralCount();

        fillStartForm("9912003889", "Urgent", "Cardiology", "Cardiology: lipid management");
        assertThat(tasklist.notificationMessage())
                .isEqualTo("Referral not started: NHS number check digit is wrong: please check the number was typed correctly");
        tasklist.screenshot("start-refused");

        assertNothingStarted(before);
    }

    @Test
    void refusesAnNhsNumberThatIsTooLongOnStart() {
        long before = referralCount();

        // Eleven digits fit the form's length limit (spaces are allowed), so the server's check answers.
        fillStartForm("99120038881", "Routine", "Cardiology", null);
        assertThat(tasklist.notificationMessage()).isEqualTo("Referral not started: NHS number must be 10 digits");
        tasklist.screenshot("start-refused");

        assertNothingStarted(before);
    }

    @Test
    void refusesAnNhsNumberThatIsTooShortInTheForm() {
        long before = referralCount();

        tasklist.openStartForm(PROCESS_NAME);
        tasklist.type("NHS number", "991200388");
        assertThat(tasklist.fieldError("NHS number")).isEqualTo("Field must have minimum length of 10.");
        tasklist.screenshot("start-form-too-short");
        // Tasklist offers no Start while the form shows a problem.
        assertThat(tasklist.startButtonEnabled()).isFalse();

        assertNothingStarted(before);
    }

    // --- the shortlist -------------------------------------------------------------------------

    @Test
    void keepsTheShortlistTaskOpenWhenNothingIsChosen() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", "Cardiology: lipid management");

        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.screenshot("choose-shortlist-empty");
        tasklist.pressComplete();
        assertThat(tasklist.fieldError("Services")).isEqualTo("Field is required.");
        tasklist.screenshot("choose-shortlist-refused");

        assertShortlistTaskStillOpen(referral);
    }

    @Test
    void keepsTheShortlistTaskOpenWhenMoreThanTwentyServicesAreChosen() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", null);

        tasklist.openAndClaimTask("Choose shortlist");
        List<String> services = new java.util.ArrayList<>(List.of("Good Cardiology Business Service",
                "Forthright Cardiology Business Service", "FIRST Cardiology Business Service",
                "Cardiology Business Service - No Slots", "Community Heart Failure Service"));
        for (int clinic = 1; services.size() < 21; clinic++) {
            // The separator after the name keeps "Clinic 1" from matching "Clinic 10".
            services.add("Cardiology Outreach Clinic " + clinic + " ·");
        }
        services.forEach(tasklist::tick);
        // The form warns at once, but cannot stop the completion...
        tasklist.awaitVisibleText(By.cssSelector(".fjs-form-field-text"), "Too many services");
        tasklist.screenshot("choose-shortlist-too-many");
        tasklist.pressComplete();
        // ...so the server refuses it in words.
        assertThat(tasklist.notificationMessage()).isEqualTo("A shortlist holds at most 20 services; 21 were chosen");
        tasklist.screenshot("choose-shortlist-refused");

        assertShortlistTaskStillOpen(referral);
    }

    @Test
    void keepsTheShortlistTaskOpenWhenATriageServiceIsNotAlone() {
        ProcessInstance referral = startReferral("Urgent", "Cardiology", null);

        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.tick("Cardiology Triage Service");
        tasklist.tick("Good Cardiology Business Service");
        // The form warns at once...
        tasklist.awaitVisibleText(By.cssSelector(".fjs-form-field-text"), "must be the only service on the shortlist");
        tasklist.screenshot("choose-shortlist-mixed");
        tasklist.pressComplete();
        // ...and the server refuses the completion with its own message.
        assertThat(tasklist.notificationMessage()).isEqualTo("A triage (RAS) service must be the only service on the shortlist");
        tasklist.screenshot("choose-shortlist-refused");

        assertShortlistTaskStillOpen(referral);
    }

    @Test
    void keepsTheShortlistTaskOpenWhenTheServiceToBookNowIsNotOnTheShortlist() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", null);

        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.tick("Good Cardiology Business Service");
        tasklist.select("Book an appointment now at", "FIRST Cardiology Business Service");
        tasklist.awaitVisibleText(By.cssSelector(".fjs-form-field-text"), "must also be ticked on the shortlist");
        tasklist.screenshot("choose-shortlist-book-elsewhere");
        tasklist.pressComplete();
        assertThat(tasklist.notificationMessage()).isEqualTo("The service to book now must be on the shortlist");
        tasklist.screenshot("choose-shortlist-refused");

        assertShortlistTaskStillOpen(referral);
    }

    // --- the letter task's message for no choice at all (the others: TasklistLetterAndSlotMessagesTest)

    @Test
    void keepsTheLetterTaskOpenWhenNothingIsChosen() {
        ProcessInstance referral = startReferral("Routine", "Cardiology", "Cardiology: lipid management");

        tasklist.openAndClaimTask("Choose shortlist");
        tasklist.tick("Good Cardiology Business Service");
        tasklist.screenshot("choose-shortlist");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Choose shortlist");

        tasklist.openAndClaimTask("Attach referral letter");
        tasklist.screenshot("attach-referral-letter-empty");
        tasklist.pressComplete();
        assertThat(tasklist.letterFormProblem())
                .isEqualTo("Attach at least one referral letter file, or tick \"Add the letter later\".");
        tasklist.screenshot("attach-referral-letter-refused");

        assertThat(taskService.createTaskQuery().processInstanceId(referral.getId())
                .taskDefinitionKey(TASK_ATTACH_REFERRAL_LETTER).count()).isEqualTo(1);
        assertThat(simulatorReferrals().get(0).get("attachmentCount").asInt()).isZero();
    }

    // --- the webapp API Tasklist submits through --------------------------------------------------

    @Test
    void theWebappApiAnswersARefusedTaskFormWithTheCheckOwnWords() {
        Task shortlist = shortlistTaskOfAReferralStartedByApi();
        WebappSession session = WebappSession.signIn(port, "coordinator");

        LiveApplication.Answer refused = session.postEngineApi("/engine/default/task/" + shortlist.getId() + "/submit-form",
                "{\"variables\": {\"shortlist\": {\"value\": \"[]\", \"type\": \"Json\"}}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("type").asText()).isEqualTo("TaskCompletionRefused");
        assertThat(refused.json().get("message").asText()).isEqualTo("Choose at least one service for the shortlist");
        assertThat(taskService.createTaskQuery().taskId(shortlist.getId()).count()).isEqualTo(1);
    }

    @Test
    void theWebappApiAnswersARefusedStartFormWithTheCheckOwnWords() {
        long before = referralCount();
        WebappSession session = WebappSession.signIn(port, "coordinator");

        LiveApplication.Answer refused = session.postEngineApi("/engine/default/process-definition/key/ers-referral/submit-form",
                "{\"variables\": {\"nhsNumber\": {\"value\": \"9912003889\", \"type\": \"String\"},"
                        + " \"priority\": {\"value\": \"URGENT\", \"type\": \"String\"},"
                        + " \"specialty\": {\"value\": \"CARDIOLOGY\", \"type\": \"String\"}}}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").asText())
                .isEqualTo("Referral not started: NHS number check digit is wrong: please check the number was typed correctly");
        assertThat(referralCount()).isEqualTo(before);
    }

    @Test
    void theWebappApiStillAnswersOtherFailuresAsCamundaDoes() {
        Task shortlist = shortlistTaskOfAReferralStartedByApi();
        WebappSession session = WebappSession.signIn(port, "coordinator");

        // Not a refusal of the referral's checks: an unknown task, and a value of the wrong type.
        LiveApplication.Answer unknownTask = session.postEngineApi("/engine/default/task/no-such-task/submit-form",
                "{\"variables\": {}}");
        LiveApplication.Answer wrongType = session.postEngineApi("/engine/default/task/" + shortlist.getId() + "/submit-form",
                "{\"variables\": {\"serviceCount\": {\"value\": \"many\", \"type\": \"Integer\"}}}");

        assertThat(unknownTask.status()).as(unknownTask.body()).isNotEqualTo(400).isGreaterThanOrEqualTo(400);
        assertThat(unknownTask.json().get("message").asText()).startsWith("Cannot submit task form no-such-task");
        assertThat(wrongType.status()).as(wrongType.body()).isEqualTo(400);
        assertThat(wrongType.json().get("message").asText()).startsWith("Cannot submit task form " + shortlist.getId());
        assertThat(taskService.createTaskQuery().taskId(shortlist.getId()).count()).isEqualTo(1);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private long referralCount() {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ers-referral").count();
    }

    /** The start dialog stays open for a correction, and no referral was started. */
    private void assertNothingStarted(long before) {
        assertThat(tasklist.visible(By.cssSelector(".modal .fjs-form")).isDisplayed()).isTrue();
        assertThat(referralCount()).isEqualTo(before);
        assertThat(simulatorReferrals()).isEmpty();
    }

    private void assertShortlistTaskStillOpen(ProcessInstance referral) {
        assertThat(taskService.createTaskQuery().processInstanceId(referral.getId())
                .taskDefinitionKey(TASK_CHOOSE_SHORTLIST).count()).isEqualTo(1);
        assertThat(runtimeService.getVariable(referral.getId(), "shortlist")).isNull();
        assertThat(simulatorReferrals()).isEmpty();
    }

    private Task shortlistTaskOfAReferralStartedByApi() {
        String requestId = "webapp-api-" + UUID.randomUUID();
        LiveApplication.Answer started = app.post("/api/referrals", "coordinator", Map.of("requestId", requestId,
                "nhsNumber", VALID_NHS_NUMBER, "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "LIPID_MANAGEMENT"));
        assertThat(started.status()).isEqualTo(201);
        JsonNode referral = started.json();
        String processInstanceId = referral.get("processInstanceId").asText();
        await("the shortlist task", () -> taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(TASK_CHOOSE_SHORTLIST).count() == 1);
        return taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(TASK_CHOOSE_SHORTLIST)
                .singleResult();
    }
}
