package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_GIVEN_UP_BEFORE_REFERRAL;
import static org.ersreferral.process.ReferralProcess.SUBPROCESS_ERS_STEP_GIVEN_UP;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** "Resolve e-RS rejection" as a coordinator sees it: e-RS's answer in words, and only the choices that can work. */
class TasklistRejectionTest extends TasklistBrowserTest {

    private static final By CHOICES = By.xpath("//div[contains(@class,'fjs-form-field') and ./label[contains(normalize-space(.),"
            + "'What next?')]]//label[.//input[@type='radio']]");

    @Test
    void aBusinessRefusalIsExplainedAndCanBeRetried() {
        injectFault("A010", 422);
        ProcessInstance referral = startReferral("Routine", "Cardiology", null);

        tasklist.openAndClaimTask("Resolve e-RS rejection");
        tasklist.awaitText("What e-RS said: e-RS refused the request (422): ");
        tasklist.awaitText("Simulated fault on A010");
        tasklist.awaitText("Giving up ends this referral: nothing was created in e-RS yet.");
        assertThat(choices()).containsExactly("Try the step again", "Give up (nothing was created in e-RS)");
        tasklist.screenshot("resolve-rejection-422");

        tasklist.chooseFirstRadio("What next?");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Resolve e-RS rejection");
        tasklist.openAndClaimTask("Choose shortlist");
        assertThat(variable(referral, "resolution")).isEqualTo("RETRY");
    }

    @Test
    void aMalformedRequestCanOnlyBeGivenUp() {
        injectFault("A010", 400);
        ProcessInstance referral = startReferral("Routine", "Cardiology", null);

        tasklist.openAndClaimTask("Resolve e-RS rejection");
        tasklist.awaitText("e-RS could not accept the request as it was sent (400, bad request)");
        tasklist.awaitText("Sending the same request again would be refused the same way");
        assertThat(choices()).containsExactly("Give up (nothing was created in e-RS)");
        tasklist.screenshot("resolve-rejection-400");

        tasklist.chooseFirstRadio("What next?");
        tasklist.pressComplete();
        tasklist.awaitTaskGone("Resolve e-RS rejection");
        // The referral ends in its event sub-process "e-RS step given up", at the end for "nothing in e-RS".
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(SUBPROCESS_ERS_STEP_GIVEN_UP);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(referral.getId())
                .activityId(END_GIVEN_UP_BEFORE_REFERRAL).count()).isEqualTo(1);
    }

    private List<String> choices() {
        tasklist.visible(CHOICES);
        return tasklist.findAll(CHOICES).stream().map(WebElement::getText).map(String::trim).toList();
    }

    private void injectFault(String operation, int status) {
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", operation, "status", status, "times", 1,
                "delayMs", 0)).status()).isBetween(200, 204);
    }
}
