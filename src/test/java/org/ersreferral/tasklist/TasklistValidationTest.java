package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** What a coordinator is told in Tasklist when the input breaks a rule, and that nothing goes ahead. */
class TasklistValidationTest extends TasklistBrowserTest {

    /** Tasklist's own notifications (not the form's texts). */
    static final By NOTIFICATION = By.xpath("//*[contains(@class,'alert') and not(ancestor::*[contains(@class,'fjs-form')])]");

    @Autowired
    TaskService taskService;

    @Test
    void refusesAnNhsNumberWithAWrongCheckDigitOnStart() {
        long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ers-referral").count();

        fillStartForm("9912003889", "Urgent", "Cardiology", "Cardiology: lipid management");
        tasklist.awaitVisibleText(NOTIFICATION, "check digit is wrong");
        tasklist.screenshot("start-refused");

        // The start dialog stays open for a correction, and no referral was started.
        assertThat(tasklist.visible(By.cssSelector(".modal .fjs-form")).isDisplayed()).isTrue();
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("ers-referral").count())
                .isEqualTo(before);
        assertThat(simulatorReferrals()).isEmpty();
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
        tasklist.awaitVisibleText(NOTIFICATION, "A triage (RAS) service must be the only service on the shortlist");
        tasklist.screenshot("choose-shortlist-refused");

        assertThat(taskService.createTaskQuery().processInstanceId(referral.getId())
                .taskDefinitionKey(TASK_CHOOSE_SHORTLIST).count()).isEqualTo(1);
        assertThat(runtimeService.getVariable(referral.getId(), "shortlist")).isNull();
        assertThat(simulatorReferrals()).isEmpty();
    }

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
        tasklist.awaitVisibleText(By.cssSelector(".ers-letter-problem"),
                "Attach at least one referral letter file, or tick \"Add the letter later\"");
        tasklist.screenshot("attach-referral-letter-refused");

        assertThat(taskService.createTaskQuery().processInstanceId(referral.getId())
                .taskDefinitionKey(TASK_ATTACH_REFERRAL_LETTER).count()).isEqualTo(1);
        assertThat(simulatorReferrals().get(0).get("attachmentCount").asInt()).isZero();
    }
}
