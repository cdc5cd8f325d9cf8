package org.ersreferral.nexttask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/tasks/{taskId}/next} over real HTTP against the running application and its
 * simulated e-RS: what the coordinator who completed a task is told, and that nobody else learns
 * anything from it.
 */
class NextTaskApiTest extends RunningApplicationTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String NHS_NUMBER = "9912003888";

    private LiveApplication app;

    @BeforeEach
    void resetSimulator() {
        app = new LiveApplication(port);
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);
    }

    @Test
    void theCoordinatorLandsOnTheNextTaskClaimedAndLearnsHowTheReferralEnded() {
        String referral = start("next-task-" + UUID.randomUUID());
        String shortlist = awaitTask(referral, "Task_ChooseShortlist");
        complete(shortlist, Map.of("shortlist", json("[\"50001\"]")));

        JsonNode next = next(shortlist, "coordinator");
        assertThat(next.get("state").asText()).isEqualTo("NEXT_TASK");
        assertThat(next.get("taskName").asText()).startsWith("Attach referral letter");
        String letter = next.get("taskId").asText();
        assertThat(app.get("/engine-rest/task/" + letter, "coordinator").json().get("assignee").asText()).isEqualTo("coordinator");
        // Asked again (a reload): the same task, still theirs.
        assertThat(next(shortlist, "coordinator").get("taskId").asText()).isEqualTo(letter);

        LiveApplication.Answer done = app.post("/engine-rest/task/" + letter + "/complete", "coordinator",
                Map.of("variables", Map.of("attachLater", Map.of("value", true, "type", "Boolean"))));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        JsonNode finished = next(letter, "coordinator");
        assertThat(finished.get("state").asText()).isEqualTo("FINISHED");
        assertThat(finished.get("outcome").asText()).isEqualTo("SENT_FOR_TRIAGE");
        assertThat(finished.get("message").asText()).isEqualTo("The referral has finished: Sent for triage.");
        assertThat(finished.has("taskId")).isFalse();
    }

    @Test
    void sayingInWordsWhenERsCannotBeReachedAndWhenTheTaskIsWithAColleague() {
        String referral = start("next-task-" + UUID.randomUUID());
        String shortlist = awaitTask(referral, "Task_ChooseShortlist");
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A011", "status", 503, "times", 1000,
                "delayMs", 0)).status()).isBetween(200, 204);
        complete(shortlist, Map.of("shortlist", json("[\"50001\"]")));

        // The create's job fails; an administrator's Cockpit would show the incident once its retries are spent.
        JsonNode failed = awaitValue("the failed create", () -> {
            for (JsonNode step : app.get("/engine-rest/process-instance?superProcessInstance=" + referral, "admin").json()) {
                JsonNode jobs = app.get("/engine-rest/job?withException=true&processInstanceId=" + step.get("id").asText(), "admin").json();
                if (!jobs.isEmpty()) {
                    return jobs.get(0);
                }
            }
            return null;
        });
        String job = failed.get("id").asText();
        assertThat(app.put("/engine-rest/job/" + job + "/retries", "admin", Map.of("retries", 0)).status()).isEqualTo(204);
        JsonNode stuck = next(shortlist, "coordinator");
        assertThat(stuck.get("state").asText()).isEqualTo("STUCK");
        assertThat(stuck.get("message").asText()).startsWith("e-RS could not be reached (Create referral")
                .contains("waits for an administrator").doesNotContain("503").doesNotContain("Exception");

        assertThat(app.delete("/ers-sim/admin/faults", "admin").status()).isBetween(200, 204);
        assertThat(app.put("/engine-rest/job/" + job + "/retries", "admin", Map.of("retries", 1)).status()).isEqualTo(204);
        String letter = awaitTask(referral, "Task_AttachReferralLetter");
        assertThat(app.post("/engine-rest/task/" + letter + "/claim", "admin", Map.of("userId", "admin")).status()).isEqualTo(204);
        JsonNode colleague = next(shortlist, "coordinator");
        assertThat(colleague.get("state").asText()).isEqualTo("WITH_COLLEAGUE");
        assertThat(colleague.get("assignee").asText()).isEqualTo("admin");
        assertThat(colleague.get("message").asText()).contains("is with admin");
        assertThat(app.get("/engine-rest/task/" + letter, "admin").json().get("assignee").asText()).isEqualTo("admin");
    }

    @Test
    void nobodyButTheCoordinatorWhoCompletedTheTaskLearnsAnything() {
        String referral = start("next-task-" + UUID.randomUUID());
        String shortlist = awaitTask(referral, "Task_ChooseShortlist");
        String path = "/api/tasks/" + shortlist + "/next";

        // Not completed yet: not even its own coordinator gets an answer.
        LiveApplication.Answer open = ask(app, path, "coordinator");
        assertThat(open.status()).isEqualTo(404);
        complete(shortlist, Map.of("shortlist", json("[\"50001\"]")));

        LiveApplication.Answer unknown = ask(app, "/api/tasks/" + UUID.randomUUID() + "/next", "coordinator");
        assertThat(unknown.status()).isEqualTo(404);
        // Another organisation's coordinator, and an admin who did not complete it: as if it did not exist.
        for (String other : new String[] {"coordinator-b", "admin"}) {
            LiveApplication.Answer refused = ask(app, path, other);
            assertThat(refused.status()).as(other).isEqualTo(404);
            assertThat(refused.json().get("detail").asText()).isEqualTo(unknown.json().get("detail").asText());
            assertThat(refused.body()).doesNotContain(referral).doesNotContain("Attach").doesNotContain(NHS_NUMBER);
        }
        // Not a coordinator, not signed in, a wrong password.
        assertThat(ask(app, path, "analyst").status()).isEqualTo(403);
        assertThat(ask(app, path, null).status()).isEqualTo(401);
        assertThat(ask(new LiveApplication(port, "not-the-password"), path, "coordinator").status()).isEqualTo(401);
        // Garbage ids are refused naming the field, never looked up.
        for (String garbage : new String[] {"x".repeat(65), "bad$id", "'or'1'='1", "*"}) {
            LiveApplication.Answer bad = ask(app, "/api/tasks/" + garbage + "/next", "coordinator");
            assertThat(bad.status()).as(garbage).isEqualTo(400);
            assertThat(bad.json().get("detail").asText()).startsWith("taskId must be");
        }
        // Encoded tricks do not even reach it: the edge refuses paths that are not plain.
        assertThat(ask(app, "/api/tasks/%2e%2e%2fx/next", "coordinator").status()).isEqualTo(400);
        // A POST, since the answer claims a task: a link or image on another site cannot make a signed-in
        // browser claim one (the cross-site filter refuses it), and a GET is not answered at all.
        assertThat(app.get(path, "coordinator").status()).isEqualTo(405);
        assertThat(app.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("coordinator:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Origin", "https://elsewhere.example").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(403);
        // Its own coordinator still gets theirs after all that.
        assertThat(next(shortlist, "coordinator").get("state").asText()).isEqualTo("NEXT_TASK");
    }

    private JsonNode next(String taskId, String user) {
        LiveApplication.Answer answer = ask(app, "/api/tasks/" + taskId + "/next", user);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Asks for the next task after the one at {@code path}, as Tasklist's script does: a POST with no body. */
    private static LiveApplication.Answer ask(LiveApplication as, String path, String user) {
        return as.post(path, user, "");
    }

    private String start(String requestId) {
        Map<String, Object> body = new HashMap<>(Map.of("requestId", requestId, "nhsNumber", NHS_NUMBER,
                "priority", "URGENT", "specialty", "CARDIOLOGY", "clinicType", "CHEST_PAIN"));
        LiveApplication.Answer answer = app.post("/api/referrals", "coordinator", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("processInstanceId").asText();
    }

    /** Claims the task as the coordinator and completes it over the engine's REST API, as Tasklist does. */
    private void complete(String taskId, Map<String, Object> variables) {
        LiveApplication.Answer claimed = app.post("/engine-rest/task/" + taskId + "/claim", "coordinator", Map.of("userId", "coordinator"));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);
        LiveApplication.Answer done = app.post("/engine-rest/task/" + taskId + "/complete", "coordinator", Map.of("variables", variables));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    private String awaitTask(String referral, String taskKey) {
        return awaitValue("task " + taskKey + " of " + referral, () -> {
            JsonNode tasks = app.get("/engine-rest/task?processInstanceId=" + referral + "&taskDefinitionKey=" + taskKey,
                    "coordinator").json();
            return tasks.isEmpty() ? null : tasks.get(0).get("id").asText();
        });
    }

    private static Map<String, Object> json(String value) {
        return Map.of("value", value, "type", "Json");
    }

    private static <T> T awaitValue(String what, Supplier<T> probe) {
        return Await.value(what, SETTLE, () -> Optional.ofNullable(probe.get()));
    }
}
