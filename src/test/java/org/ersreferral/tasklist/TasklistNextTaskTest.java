package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_SENT_FOR_TRIAGE;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After Complete the coordinator sees at once that the referral is being worked on, and lands on its
 * next task already claimed, without finding, opening or claiming it; at the end they read how it
 * finished. e-RS is made slow (the simulator's fault control) so the working state is there to see.
 */
class TasklistNextTaskTest extends TasklistBrowserTest {

    private static final By PANEL = By.id("next-task-status");
    /** The demo coordinator's user id as NHS CIS2 signs them in. */
    private static final String COORDINATOR = "555000000101";
    /** e-RS steps on a loaded machine, retries included, take longer than a click. */
    private static final Duration E_RS_STEPS = Duration.ofSeconds(120);

    @Autowired
    private TaskService taskService;

    @Test
    void landsOnEachNextTaskClaimedAndSeesTheReferralFinish() {
        fillStartForm(VALID_NHS_NUMBER, "Urgent", null, null);
        ProcessInstance referral = awaitStartedReferral();

        tasklist.openAndClaimTask("Describe the need");
        tasklist.select("Specialty", "Cardiology");
        tasklist.select("Clinic type", "Cardiology: chest pain");
        slowErs("A010");
        tasklist.pressComplete();
        assertThat(awaitPanel("WORKING")).contains("Working on it");
        tasklist.screenshot("working-on-it");
        assertThat(awaitPanel("OPENED")).contains("Your next task is open and assigned to you: Choose shortlist");
        awaitOpenAndClaimed("Choose shortlist");
        tasklist.screenshot("next-task-opened");
        assertThat(assignee(referral, "Task_ChooseShortlist")).isEqualTo(COORDINATOR);

        tasklist.tick("Cardiology Triage Service");
        slowErs("A011");
        tasklist.pressComplete();
        assertThat(awaitPanel("WORKING")).contains("Working on it");
        assertThat(awaitPanel("OPENED")).contains("Attach referral letter");
        awaitOpenAndClaimed("Attach referral letter");
        assertThat(assignee(referral, "Task_AttachReferralLetter")).isEqualTo(COORDINATOR);

        tasklist.tickEmbedded("Add the letter later");
        tasklist.completeLetterTask();
        assertThat(awaitPanel("FINISHED")).contains("The referral has finished: Sent for triage.");
        tasklist.screenshot("referral-finished");
        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_SENT_FOR_TRIAGE);

        // Dismissed, it is gone; nothing else on the page pretends to work.
        tasklist.click(By.cssSelector("#next-task-status button.close"));
        tasklist.until("the finished note to go", d -> d.findElements(PANEL).isEmpty());
    }

    /** The next call of this e-RS operation answers after a second (well below the tests' read timeout of 3 s). */
    private void slowErs(String operation) {
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", operation, "status", 0, "times", 1,
                "delayMs", 1000)).status()).isBetween(200, 204);
    }

    /** Waits for the task pane's note to be in this state and answers its words, read while it is in it. */
    private String awaitPanel(String state) {
        By inState = By.cssSelector("#next-task-status[data-state='" + state + "']");
        return Await.value("the task pane to say " + state, E_RS_STEPS, () -> {
            try {
                return tasklist.findAll(inState).stream().map(WebElement::getText).findFirst();
            } catch (StaleElementReferenceException redrawn) {
                return Optional.empty();
            }
        });
    }

    /** The task is shown in the task pane, its form can be completed, and nobody had to press Claim. */
    private void awaitOpenAndClaimed(String taskName) {
        tasklist.until(taskName + " to be open and claimed", d -> {
            String pane = d.findElement(By.cssSelector("section.task-details")).getText();
            return pane.contains(taskName)
                    && d.findElements(By.xpath("//section[contains(@class,'task-details')]//button[normalize-space(.)='Claim']")).isEmpty()
                    && !d.findElements(By.xpath("//button[normalize-space(.)='Complete']")).isEmpty();
        });
    }

    private String assignee(ProcessInstance referral, String taskKey) {
        Task task = taskService.createTaskQuery().processInstanceId(referral.getId()).taskDefinitionKey(taskKey).singleResult();
        return task == null ? null : task.getAssignee();
    }
}
