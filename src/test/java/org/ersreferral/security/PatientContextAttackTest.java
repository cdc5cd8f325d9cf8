package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.tasklist.WebappSession;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whose referral a task is (patient name, whole NHS number) is for the coordinators of the
 * referral's organisation only: a coordinator of another organisation, an analyst and an anonymous
 * caller get none of it, through Tasklist's engine API, {@code /engine-rest}, Cockpit's or the
 * analysts' API; and a bad patient name is refused naming the field, without repeating it.
 */
class PatientContextAttackTest extends RunningApplicationTest {

    static final String NAME = "Jane Attackme";
    static final String NHS_NUMBER = "9912003888";
    static final List<String> PATIENT = List.of(NAME, "Attackme", NHS_NUMBER, "991 200 3888");

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;

    LiveApplication app;

    @BeforeEach
    void clean() {
        app = new LiveApplication(port);
        deleteRunningReferrals(runtimeService);
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);
    }

    @Test
    void noOneOutsideTheReferralsOrganisationSeesWhoseReferralItIs() {
        String requestId = "ctx-attack-" + System.nanoTime();
        Map<String, Object> start = new LinkedHashMap<>(Map.of("requestId", requestId, "nhsNumber", NHS_NUMBER,
                "priority", "URGENT", "specialty", "CARDIOLOGY", "patientName", NAME));
        LiveApplication.Answer started = app.post("/api/referrals", "coordinator", start);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        Task task = Await.value("the shortlist task of " + requestId, Duration.ofSeconds(60),
                () -> Optional.ofNullable(taskService.createTaskQuery().processInstanceBusinessKey(requestId)
                        .taskDefinitionKey(ReferralProcess.TASK_CHOOSE_SHORTLIST).singleResult()));
        String instance = task.getProcessInstanceId();

        // The referral's own coordinators see it, in the list's variables and the form's.
        LiveApplication.Answer own = app.get("/engine-rest/task/" + task.getId() + "/variables", "coordinator");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("patientDisplay").get("value").asText()).isEqualTo(NAME + ", NHS number 991 200 3888");
        assertThat(own.json().get("requestId").get("value").asText()).isEqualTo(requestId);
        WebappSession ownTasklist = WebappSession.signIn(port, "coordinator");
        assertThat(ownTasklist.getEngineApi("/engine/default/task/" + task.getId() + "/form-variables").body()).contains(NAME);
        // Its name says what and how urgent, not whose.
        assertThat(task.getName()).isEqualTo("Choose shortlist — Cardiology, urgent");

        // Another organisation's coordinator: nothing, on every way in.
        WebappSession otherTasklist = WebappSession.signIn(port, "coordinator-b");
        List<LiveApplication.Answer> otherOrganisation = List.of(
                app.get("/engine-rest/task/" + task.getId() + "/variables", "coordinator-b"),
                app.get("/engine-rest/task/" + task.getId() + "/form-variables", "coordinator-b"),
                app.get("/engine-rest/task?processInstanceBusinessKey=" + requestId, "coordinator-b"),
                app.get("/engine-rest/variable-instance?variableName=patientName", "coordinator-b"),
                app.get("/engine-rest/variable-instance?variableName=patientDisplay", "coordinator-b"),
                app.get("/engine-rest/variable-instance?processInstanceIdIn=" + instance, "coordinator-b"),
                app.get("/engine-rest/history/variable-instance?variableName=patientName", "coordinator-b"),
                app.get("/engine-rest/history/variable-instance?processInstanceId=" + instance, "coordinator-b"),
                app.get("/engine-rest/process-instance/" + instance + "/variables", "coordinator-b"),
                app.get("/api/referrals/" + requestId, "coordinator-b"),
                otherTasklist.getEngineApi("/engine/default/task/" + task.getId() + "/variables"),
                otherTasklist.getEngineApi("/engine/default/task/" + task.getId() + "/form-variables"),
                otherTasklist.getEngineApi("/engine/default/task?processInstanceBusinessKey=" + requestId),
                otherTasklist.getEngineApi("/engine/default/variable-instance?variableName=patientName"),
                otherTasklist.postEngineApi("/engine/default/task?firstResult=0&maxResults=500", "{}"));
        otherOrganisation.forEach(answer -> assertNothingOfThePatient("coordinator-b", answer));
        assertThat(app.get("/engine-rest/task/" + task.getId() + "/variables", "coordinator-b").status()).isEqualTo(404);

        // An analyst: the masked NHS number on the timeline, never the name or the whole number.
        WebappSession cockpit = WebappSession.signIn(port, "cockpit", "analyst");
        List<LiveApplication.Answer> analyst = List.of(
                app.get("/engine-rest/task/" + task.getId() + "/variables", "analyst"),
                app.get("/engine-rest/variable-instance?variableName=patientName", "analyst"),
                app.get("/engine-rest/variable-instance?processInstanceIdIn=" + instance, "analyst"),
                app.get("/engine-rest/history/variable-instance?processInstanceId=" + instance, "analyst"),
                app.get("/engine-rest/history/variable-instance?variableName=patientDisplay", "analyst"),
                app.get("/engine-rest/process-instance/" + instance + "/variables", "analyst"),
                app.get("/api/analytics/referrals?q=" + requestId, "analyst"),
                app.get("/api/analytics/referrals.csv", "analyst"),
                app.get("/api/referrals/" + requestId + "/timeline", "analyst"),
                cockpit.getEngineApi("/engine/default/process-instance/" + instance + "/variables"),
                cockpit.getEngineApi("/engine/default/variable-instance?variableName=patientName"),
                cockpit.getEngineApi("/engine/default/history/variable-instance?processInstanceId=" + instance));
        analyst.forEach(answer -> assertNothingOfThePatient("analyst", answer));
        LiveApplication.Answer timeline = app.get("/api/referrals/" + requestId + "/timeline", "analyst");
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.body()).contains("*** *** 3888");
        assertThat(app.get("/api/analytics/referrals?q=" + requestId, "analyst").body()).contains(requestId);

        // No one signed in: nothing at all.
        for (String path : List.of("/engine-rest/variable-instance?variableName=patientName",
                "/engine-rest/task/" + task.getId() + "/variables", "/camunda/api/engine/engine/default/task/" + task.getId() + "/variables",
                "/api/referrals/" + requestId)) {
            LiveApplication.Answer anonymous = app.get(path, null);
            assertThat(anonymous.status()).as(path).isIn(401, 403);
            assertNothingOfThePatient("anonymous", anonymous);
        }
    }

    @Test
    void aBadPatientNameIsRefusedNamingTheFieldWithoutRepeatingIt() {
        String secret = "Line\nBreak";
        Map<String, String> names = Map.of("with a line break", secret, "too long", "N".repeat(101), "no letters", "12345");
        names.forEach((why, name) -> {
            LiveApplication.Answer api = app.post("/api/referrals", "coordinator", Map.of("requestId", "ctx-bad-" + System.nanoTime(),
                    "nhsNumber", NHS_NUMBER, "priority", "ROUTINE", "specialty", "CARDIOLOGY", "patientName", name));
            assertThat(api.status()).as(why + ": " + api.body()).isEqualTo(400);
            assertThat(api.body()).as(why).contains("patientName").doesNotContain(name);

            LiveApplication.Answer rest = app.post("/engine-rest/process-definition/key/ers-referral/start", "coordinator",
                    Map.of("businessKey", "ctx-bad-" + System.nanoTime(), "variables", Map.of(
                            "nhsNumber", Map.of("value", NHS_NUMBER, "type", "String"),
                            "priority", Map.of("value", "ROUTINE", "type", "String"),
                            "patientName", Map.of("value", name, "type", "String"))));
            assertThat(rest.status()).as(why + ": " + rest.body()).isEqualTo(400);
            assertThat(rest.json().get("message").asText()).as(why).contains("patientName").doesNotContain(name);
        });
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("ers-referral").count()).isZero();
    }

    private static void assertNothingOfThePatient(String who, LiveApplication.Answer answer) {
        for (String identifier : PATIENT) {
            assertThat(answer.body()).as(who + " got " + answer.status() + ": " + answer.body()).doesNotContain(identifier);
        }
    }
}
