package org.ersreferral.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A coordinator goes from Tasklist's header to "My referrals": sees their organisation's referrals
 * (whose each is, where it stands; none of the other organisation's), downloads a patient letter,
 * cancels one with a reason from e-RS's list and sees it finish as cancelled (and e-RS holds that
 * reason), finds a referral by its address, and opens a task from the page in Tasklist.
 */
class MyReferralsPageBrowserTest extends TasklistBrowserTest {

    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCoordinatorSeesOpensDownloadsAndCancelsTheirOrganisationsReferrals() throws Exception {
        ProcessInstance open = startByApi("myref-ui-open", "coordinator", "URGENT");
        Task shortlist = awaitTask(open, TASK_CHOOSE_SHORTLIST);
        ProcessInstance lettered = startByApi("myref-ui-letter", "coordinator", "ROUTINE");
        complete(lettered, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", SpinValues.jsonValue("[\"51002\", \"11000\"]").create()));
        complete(lettered, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitEnd(lettered);
        ProcessInstance toCancel = startByApi("myref-ui-cancel", "coordinator", "ROUTINE");
        complete(toCancel, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", SpinValues.jsonValue("[\"51002\"]").create()));
        awaitTask(toCancel, TASK_ATTACH_REFERRAL_LETTER);
        startByApi("myref-ui-other", "coordinator-b", "ROUTINE");
        // The lettered referral, sent, is followed in e-RS: the state its follow-up last saw there.
        jdbc.update("INSERT INTO ers_state_seen (process_instance_id, business_key, organisation, seen_at, status, seen_by)"
                + " VALUES ('follow-up-myref-ui-letter', 'myref-ui-letter', 'R69', CURRENT_TIMESTAMP, 'NOT_BOOKED', 'StartEvent_ReferralSent')");

        // From Tasklist's header to the page.
        tasklist.click(By.cssSelector("nav.cam-nav li.my-referrals a"));
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-open .steps"), "Choose shortlist");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-open .nhs-number"), "991 200 3888");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-open .priority"), "Urgent");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-open .specialty"), "Cardiology");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-open .status"), "In progress");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-letter .outcome"), "Awaiting patient booking");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-letter .ers-state"), "In e-RS: not booked yet");
        assertThat(tasklist.findAll(By.cssSelector("#referral-myref-ui-open .ers-state"))).as("not sent yet").isEmpty();
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-cancel .priority"), "Routine");
        String ubrn = (String) variable(lettered, "ubrn");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-letter .ubrn"), grouped(ubrn));
        assertThat(tasklist.findAll(By.id("referral-myref-ui-other"))).as("another organisation's referral").isEmpty();
        assertThat(tasklist.bodyText()).doesNotContain("9912003888").doesNotContain("TWO_WEEK_WAIT");
        // Sent, and followed in e-RS: it can still be cancelled there, through its follow-up.
        assertThat(tasklist.findAll(By.cssSelector("#referral-myref-ui-letter button.cancel"))).as("followed: Cancel").hasSize(1);
        assertThat(tasklist.findAll(By.id("tasklist-link"))).hasSize(1);
        tasklist.screenshot("my-referrals");

        // The patient letter: a real PDF named after the referral, never the patient.
        Path letter = tasklist.download(By.cssSelector("#referral-myref-ui-letter a.patient-letter"));
        assertThat(letter.getFileName().toString()).isEqualTo("patient-letter-shortlist-to-book-" + ubrn + ".pdf");
        byte[] pdf = Files.readAllBytes(letter);
        assertThat(new String(Arrays.copyOf(pdf, 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains(ubrn);
        }

        // Cancelling: a reason must be chosen, from e-RS's list; then the row follows the cancellation to its end.
        tasklist.click(By.cssSelector("#referral-myref-ui-cancel button.cancel"));
        tasklist.awaitVisibleText(By.id("cancel-heading"), "Cancel referral myref-ui-cancel");
        tasklist.awaitVisibleText(By.id("cancel-who"), "991 200 3888");
        tasklist.click(By.id("cancel-confirm"));
        tasklist.awaitVisibleText(By.id("cancel-reason-problem"), "Choose why the referral is cancelled");
        tasklist.screenshot("cancel-needs-a-reason");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(toCancel.getId()).count()).isEqualTo(1);
        tasklist.chooseEmbeddedOption("cancel-reason", "Referral created by mistake");
        assertThat(tasklist.findAll(By.id("cancel-reason-problem")).get(0).isDisplayed()).isFalse();
        tasklist.screenshot("cancel-with-reason");
        tasklist.click(By.id("cancel-confirm"));
        tasklist.awaitVisibleText(By.id("page-status"), "the cancellation was sent to e-RS");
        awaitEnd(toCancel);
        tasklist.awaitVisibleText(By.id("page-status"), "has finished: Referral cancelled");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-cancel .outcome"), "Referral cancelled");
        tasklist.awaitVisibleText(By.cssSelector("#referral-myref-ui-cancel .status"), "Finished");
        tasklist.screenshot("cancelled");
        JsonNode cancelledInErs = cancelledSimulatorReferral();
        assertThat(cancelledInErs.get("stateReason").asText()).isEqualTo("RAISED_IN_ERROR");
        assertThat(String.valueOf(variable(toCancel, "outcome"))).isEqualTo("CANCELLED");

        // A row's own address scrolls to it and marks it.
        tasklist.click(By.cssSelector("#referral-myref-ui-letter a.request-id"));
        tasklist.visible(By.cssSelector("tr.highlighted#referral-myref-ui-letter"));
        tasklist.screenshot("addressed-row");

        // Open task: Tasklist shows that very task.
        tasklist.click(By.cssSelector("#referral-myref-ui-open a.open-task"));
        tasklist.until("Tasklist to show the task " + shortlist.getId(), d -> d.getCurrentUrl().contains("task=" + shortlist.getId())
                && !d.findElements(By.xpath("//button[normalize-space(.)='Claim']")).isEmpty());
        tasklist.awaitText("Choose shortlist");
        tasklist.screenshot("task-opened-from-my-referrals");
    }

    private ProcessInstance startByApi(String requestId, String user, String priority) {
        LiveApplication.Answer answer = app.post("/api/referrals", user, Map.of("requestId", requestId, "nhsNumber", VALID_NHS_NUMBER,
                "priority", priority, "specialty", "CARDIOLOGY", "clinicType", "HEART_FAILURE"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return runtimeService.createProcessInstanceQuery().processInstanceId(answer.json().get("processInstanceId").asText())
                .singleResult();
    }

    private Task awaitTask(ProcessInstance referral, String taskKey) {
        return Await.value("task " + taskKey + " of " + referral.getBusinessKey(), SETTLE, () -> Optional.ofNullable(
                taskService.createTaskQuery().processInstanceBusinessKey(referral.getBusinessKey()).taskDefinitionKey(taskKey)
                        .singleResult()));
    }

    private void complete(ProcessInstance referral, String taskKey, Map<String, Object> variables) {
        taskService.complete(awaitTask(referral, taskKey).getId(), variables);
    }

    private JsonNode cancelledSimulatorReferral() {
        for (JsonNode referral : simulatorReferrals()) {
            if ("CANCELLED_REFERRAL".equals(referral.get("status").asText())) {
                return referral;
            }
        }
        throw new AssertionError("No cancelled referral in the simulator: " + simulatorReferrals());
    }

    private static String grouped(String ubrn) {
        return ubrn.replaceAll("(\\d{4})(\\d{4})(\\d{4})", "$1 $2 $3");
    }
}
