package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/referrals} and the cancellation reasons, as the "My referrals" page reads them:
 * the organisation's referrals with their patient, words for every code, their open tasks, filters
 * and searches; a cancellation with a reason from e-RS's list reaches e-RS with that reason.
 */
class MyReferralsApiTest extends LiveReferralTest {

    static final String GROUPED_NHS_NUMBER = "991 200 3888";

    @Test
    void listsTheOrganisationsReferralsNewestFirstWithPatientTasksAndWords() throws Exception {
        ProcessInstance open = start("myref-list-open", "URGENT", "CARDIOLOGY", "HEART_FAILURE");
        Task shortlist = awaitTask(open, TASK_CHOOSE_SHORTLIST);
        ProcessInstance finished = start("myref-list-done", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(finished, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\", \"11000\"]")));
        complete(finished, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitEnd(finished);
        // The patient's name, once known, is a variable of the referral.
        runtimeService.setVariable(open.getId(), "patientName", "Jane Example");

        JsonNode page = list("coordinator", "q=myref-list-");
        assertThat(requestIds(page)).containsExactly("myref-list-done", "myref-list-open");
        assertThat(page.get("more").asBoolean()).isFalse();

        JsonNode done = page.get("referrals").get(0);
        assertThat(done.get("patient").get("nhsNumber").asText()).isEqualTo(GROUPED_NHS_NUMBER);
        assertThat(done.get("patient").get("name").isNull()).as("no name known: the NHS number alone").isTrue();
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("statusText").asText()).isEqualTo("Finished");
        assertThat(done.get("outcome").asText()).isEqualTo("Awaiting patient booking");
        assertThat(done.get("outcomeCode").asText()).isEqualTo("AWAITING_PATIENT_BOOKING");
        assertThat(done.get("specialty").asText()).isEqualTo("Cardiology");
        assertThat(done.get("priority").asText()).isEqualTo("Routine");
        assertThat(done.get("ubrn").asText()).matches("\\d{4} \\d{4} \\d{4}");
        assertThat(done.get("currentSteps")).isEmpty();
        assertThat(done.get("cancellable").asBoolean()).as("sent and followed: cancelled through its follow-up").isTrue();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        String letter = done.get("patientLetter").asText();
        assertThat(letter).isEqualTo("/api/referrals/myref-list-done/patient-letter");
        byte[] pdf = app.getBytes(letter, "coordinator");
        assertThat(new String(Arrays.copyOf(pdf, 5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        JsonNode running = page.get("referrals").get(1);
        assertThat(running.get("patient").get("name").asText()).isEqualTo("Jane Example");
        assertThat(running.get("patient").get("nhsNumber").asText()).isEqualTo(GROUPED_NHS_NUMBER);
        assertThat(running.get("statusText").asText()).isEqualTo("In progress");
        assertThat(running.get("priority").asText()).isEqualTo("Urgent");
        assertThat(running.get("ubrn").isNull()).as("no UBRN before e-RS has the referral").isTrue();
        assertThat(running.get("outcome").isNull()).isTrue();
        assertThat(running.get("patientLetter").isNull()).isTrue();
        assertThat(running.get("cancellable").asBoolean()).isTrue();
        assertThat(running.get("currentSteps")).hasSize(1);
        assertThat(running.get("currentSteps").get(0).get("taskId").asText()).isEqualTo(shortlist.getId());
        assertThat(running.get("currentSteps").get(0).get("name").asText()).startsWith("Choose shortlist").doesNotContain("3888");

        // Filters: open or finished; the start of the request id; the UBRN and NHS number, grouped or not.
        assertThat(requestIds(list("coordinator", "q=myref-list-&status=open"))).containsExactly("myref-list-open");
        assertThat(requestIds(list("coordinator", "q=myref-list-&status=finished"))).containsExactly("myref-list-done");
        String ubrn = done.get("ubrn").asText();
        // The simulator starts its UBRNs again at each reset: earlier tests' referrals may share this one.
        for (String query : new String[] {encode(ubrn), ubrn.replace(" ", "")}) {
            JsonNode byUbrn = list("coordinator", "q=" + query);
            assertThat(requestIds(byUbrn)).contains("myref-list-done").doesNotContain("myref-list-open");
            byUbrn.get("referrals").forEach(row -> assertThat(row.get("ubrn").asText()).isEqualTo(ubrn));
        }
        assertThat(requestIds(list("coordinator", "q=" + encode(GROUPED_NHS_NUMBER)))).contains("myref-list-done", "myref-list-open");
        assertThat(requestIds(list("coordinator", "q=9912003888"))).contains("myref-list-done", "myref-list-open");
        assertThat(requestIds(list("coordinator", "q=MYREF-LIST-OPEN"))).containsExactly("myref-list-open");

        // Paging: one a page, newest first.
        JsonNode first = list("coordinator", "q=myref-list-&size=1");
        assertThat(requestIds(first)).containsExactly("myref-list-done");
        assertThat(first.get("more").asBoolean()).isTrue();
        JsonNode second = list("coordinator", "q=myref-list-&size=1&page=2");
        assertThat(requestIds(second)).containsExactly("myref-list-open");
        assertThat(second.get("more").asBoolean()).isFalse();
    }

    @Test
    void offersErsCancellationReasonsAndACancellationReachesErsWithTheChosenOne() {
        JsonNode reasons = app.get("/api/referrals/cancellation/reasons", "coordinator").json();
        assertThat(reasons.isArray()).isTrue();
        List<String> displays = new ArrayList<>();
        reasons.forEach(reason -> displays.add(reason.get("display").asText()));
        assertThat(displays).contains("Referral created by mistake", "Referral is no longer required")
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
        assertThat(reasons.findValuesAsText("code")).contains("RAISED_IN_ERROR", "NO_LONGER_REQUIRED");

        ProcessInstance referral = start("myref-api-cancel", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER);

        LiveApplication.Answer cancelled = app.post("/api/referrals/myref-api-cancel/cancel", "coordinator",
                Map.of("reason", "RAISED_IN_ERROR"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
        awaitEnd(referral);

        JsonNode simulated = onlyReferral();
        assertThat(simulated.get("status").asText()).isEqualTo("CANCELLED_REFERRAL");
        assertThat(simulated.get("stateReason").asText()).isEqualTo("RAISED_IN_ERROR");
        JsonNode row = list("coordinator", "q=myref-api-cancel").get("referrals").get(0);
        assertThat(row.get("outcome").asText()).isEqualTo("Referral cancelled");
        assertThat(row.get("statusText").asText()).isEqualTo("Finished");
        assertThat(row.get("cancellable").asBoolean()).isFalse();

        LiveApplication.Answer again = app.post("/api/referrals/myref-api-cancel/cancel", "coordinator",
                Map.of("reason", "RAISED_IN_ERROR"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asText()).contains("already finished");
    }

    @Test
    void aSecondCancellationAfterTheFirstIsRefusedWithWordsNotAServerError() {
        ProcessInstance referral = start("myref-api-twice", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"51002\"]")));
        awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER);

        assertThat(app.post("/api/referrals/myref-api-twice/cancel", "coordinator", Map.of("reason", "NO_LONGER_REQUIRED"))
                .status()).isEqualTo(202);
        LiveApplication.Answer second = app.post("/api/referrals/myref-api-twice/cancel", "coordinator",
                Map.of("reason", "RAISED_IN_ERROR"));
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.json().get("detail").asText()).containsAnyOf("already being cancelled", "already finished");
        awaitEnd(referral);
        assertThat(onlyReferral().get("stateReason").asText()).isEqualTo("NO_LONGER_REQUIRED");
    }

    JsonNode list(String user, String query) {
        LiveApplication.Answer answer = app.get("/api/referrals?" + query, user);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    static List<String> requestIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("referrals").forEach(row -> ids.add(row.get("requestId").asText()));
        return ids;
    }

    static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
