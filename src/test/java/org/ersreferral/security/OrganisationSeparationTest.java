package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.tasklist.WebappSession;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each referral belongs to the organisation that requested it: to a user of another organisation it
 * does not exist, on the application's APIs, {@code /engine-rest} and the webapps, and trying changes
 * nothing. Demo organisations: {@code coordinator}, {@code analyst} in R69; {@code coordinator-b} in
 * RXB; {@code admin} sees all.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:organisations;DB_CLOSE_DELAY=-1", "ers.ods-code=R69"})
class OrganisationSeparationTest {

    static final int PORT = LiveApplication.freePort();
    static final String NHS_NUMBER = "9912003888";
    static final String HOME = "R69";
    static final String OTHER = AccessSetup.OTHER_DEMO_ORGANISATION;

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;

    final LiveApplication app = new LiveApplication(PORT);

    @BeforeEach
    void usersOfTheTest() {
        user("analyst-b", AccessGroups.ANALYSTS, OTHER);
        user("nobody", AccessGroups.COORDINATORS);
        user("both", AccessGroups.COORDINATORS, HOME, OTHER);
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);
    }

    @Test
    void aReferralOfR69DoesNotExistForRxbAndTryingChangesNothing() {
        ProcessInstance referral = awaitingLetterHandover("org-home-1", "coordinator");
        assertThat(referral.getTenantId()).isEqualTo(HOME);
        assertSeparated(referral, "coordinator", "analyst", "coordinator-b", "analyst-b");
    }

    @Test
    void aReferralOfRxbDoesNotExistForR69AndTryingChangesNothing() {
        ProcessInstance referral = awaitingLetterHandover("org-other-1", "coordinator-b");
        assertThat(referral.getTenantId()).isEqualTo(OTHER);
        assertSeparated(referral, "coordinator-b", "analyst-b", "coordinator", "analyst");
    }

    @Test
    void theTaskOfAnErsStepBelongsToItsReferralsOrganisation() {
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A010", "status", 422, "times", 1, "delayMs", 0))
                .status()).isBetween(200, 204);
        LiveApplication.Answer started = app.post("/api/referrals", "coordinator-b", Map.of("requestId", "org-step-1",
                "nhsNumber", NHS_NUMBER, "priority", "ROUTINE", "specialty", "CARDIOLOGY"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        ProcessInstance referral = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("org-step-1")
                .processDefinitionKey(PROCESS_KEY).singleResult();
        Task resolve = awaitStepTask(referral, TASK_RESOLVE_REJECTION);
        ProcessInstance step = runtimeService.createProcessInstanceQuery().processInstanceId(resolve.getProcessInstanceId()).singleResult();

        // The ers-step instance is the referral's: its organisation, its business key.
        assertThat(step.getProcessDefinitionId()).startsWith(STEP_PROCESS_KEY + ":");
        assertThat(step.getTenantId()).isEqualTo(OTHER).isEqualTo(referral.getTenantId());
        assertThat(resolve.getTenantId()).isEqualTo(OTHER);
        assertThat(step.getBusinessKey()).isEqualTo("org-step-1");

        // R69 neither sees nor works it; RXB does, in the coordinators' filter too.
        assertThat(app.get("/engine-rest/task/" + resolve.getId(), "coordinator").status()).isEqualTo(404);
        assertThat(app.post("/engine-rest/task/" + resolve.getId() + "/complete", "coordinator",
                Map.of("variables", Map.of("resolution", Map.of("value", "GIVE_UP", "type", "String")))).status()).isEqualTo(404);
        assertThat(tasklistShowsTask("coordinator", resolve.getId())).isFalse();
        assertThat(tasklistShowsTask("coordinator-b", resolve.getId())).isTrue();
        assertThat(app.get("/engine-rest/task/" + resolve.getId() + "/form-variables", "coordinator-b").json()
                .get("ersStepName").get("value").asText()).isEqualTo("Search e-RS services");
        // Its form takes only its own field, whoever completes it.
        LiveApplication.Answer smuggled = app.post("/engine-rest/task/" + resolve.getId() + "/complete", "coordinator-b",
                Map.of("variables", Map.of("ubrn", Map.of("value", "000000070001", "type", "String"))));
        assertThat(smuggled.status()).as(smuggled.body()).isEqualTo(400);
        assertThat(taskService.createTaskQuery().taskId(resolve.getId()).count()).isEqualTo(1);
        // Starting an e-RS step on its own is for nobody but a referral.
        assertThat(app.post("/engine-rest/process-definition/key/" + STEP_PROCESS_KEY + "/start", "coordinator-b", Map.of())
                .status()).isEqualTo(403);
    }

    /** What Tasklist's filter of all referral tasks lists in {@code user}'s Tasklist session. */
    private static JsonNode referralTasksFilter(WebappSession tasklist, String user) {
        String filterId = null;
        for (JsonNode filter : tasklist.getEngineApi("/engine/default/filter?resourceType=Task").json()) {
            if (AccessSetup.ALL_REFERRAL_TASKS_FILTER.equals(filter.get("name").asText())) {
                filterId = filter.get("id").asText();
            }
        }
        assertThat(filterId).as("the coordinators' filter, as " + user).isNotNull();
        LiveApplication.Answer listed = tasklist.postEngineApi("/engine/default/filter/" + filterId + "/list?firstResult=0&maxResults=500",
                "{}");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json();
    }

    private boolean tasklistShowsTask(String user, String taskId) {
        for (JsonNode task : referralTasksFilter(WebappSession.signIn(PORT, user), user)) {
            if (taskId.equals(task.get("id").asText())) {
                return true;
            }
        }
        return false;
    }

    private Task awaitStepTask(ProcessInstance referral, String taskKey) {
        return Await.value("task " + taskKey + " of an e-RS step of " + referral.getBusinessKey(), Duration.ofSeconds(30),
                () -> Optional.ofNullable(taskService.createTaskQuery().processInstanceBusinessKey(referral.getBusinessKey())
                        .taskDefinitionKey(taskKey).singleResult()));
    }

    @Test
    void aRequestIdOfAnotherOrganisationIsRefusedWithoutDisclosingItsReferral() {
        ProcessInstance referral = awaitingLetterHandover("org-taken-1", "coordinator");
        String ubrn = (String) runtimeService.getVariable(referral.getId(), "ubrn");

        LiveApplication.Answer taken = app.post("/api/referrals", "coordinator-b", Map.of("requestId", "org-taken-1",
                "nhsNumber", "9912003888", "priority", "ROUTINE", "specialty", "CARDIOLOGY"));

        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.json().get("detail").asText()).isEqualTo("requestId is already in use: choose another; nothing was started");
        assertThat(taken.body()).doesNotContain(referral.getId()).doesNotContain(ubrn).doesNotContain(HOME)
                .doesNotContain("TWO_WEEK_WAIT").doesNotContain("patient-letter");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("org-taken-1").processDefinitionKey(PROCESS_KEY).count()).isEqualTo(1);
        // The owner's repeat is still idempotent.
        LiveApplication.Answer again = app.post("/api/referrals", "coordinator", Map.of("requestId", "org-taken-1",
                "nhsNumber", NHS_NUMBER, "priority", "TWO_WEEK_WAIT", "specialty", "CARDIOLOGY"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("processInstanceId").asText()).isEqualTo(referral.getId());
    }

    @Test
    void aUserOfNoOrganisationCannotStartAReferralAnyWay() {
        LiveApplication.Answer api = app.post("/api/referrals", "nobody", Map.of("requestId", "org-nobody-1",
                "nhsNumber", NHS_NUMBER, "priority", "ROUTINE", "specialty", "CARDIOLOGY"));
        assertThat(api.status()).as(api.body()).isEqualTo(403);
        assertThat(api.json().get("detail").asText()).startsWith("Your account belongs to no organisation");

        LiveApplication.Answer rest = app.post("/engine-rest/process-definition/key/ers-referral/start", "nobody",
                Map.of("businessKey", "org-nobody-2", "variables", Map.of(
                        "nhsNumber", Map.of("value", NHS_NUMBER, "type", "String"),
                        "priority", Map.of("value", "ROUTINE", "type", "String"),
                        "specialty", Map.of("value", "CARDIOLOGY", "type", "String"))));
        assertThat(rest.status()).as(rest.body()).isEqualTo(403);
        assertThat(rest.json().get("message").asText()).startsWith("Your account belongs to no organisation");

        for (String requestId : List.of("org-nobody-1", "org-nobody-2")) {
            assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(requestId).processDefinitionKey(PROCESS_KEY).count()).isZero();
            assertThat(app.get("/api/referrals/" + requestId, "admin").status()).isEqualTo(404);
        }
        assertThat(app.get("/ers-sim/admin/referrals", "admin").json()).isEmpty();
    }

    @Test
    void aUserOfSeveralOrganisationsSaysWhichOneRequestsTheReferral() {
        Map<String, Object> body = Map.of("requestId", "org-both-1", "nhsNumber", NHS_NUMBER, "priority", "ROUTINE",
                "specialty", "CARDIOLOGY");
        LiveApplication.Answer unsaid = app.post("/api/referrals", "both", body);
        assertThat(unsaid.status()).as(unsaid.body()).isEqualTo(400);
        assertThat(unsaid.json().get("detail").asText())
                .isEqualTo("Your account belongs to several organisations (R69, RXB): say in 'organisation' which one requests this referral");

        LiveApplication.Answer notTheirs = app.post("/api/referrals", "both", with(body, "organisation", "ZZZ"));
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notTheirs.json().get("detail").asText()).isEqualTo("organisation 'ZZZ' is not one of your organisations (R69, RXB)");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey("org-both-1").processDefinitionKey(PROCESS_KEY).count()).isZero();

        LiveApplication.Answer started = app.post("/api/referrals", "both", with(body, "organisation", OTHER));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().get("organisation").asText()).isEqualTo(OTHER);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("org-both-1").processDefinitionKey(PROCESS_KEY).singleResult().getTenantId())
                .isEqualTo(OTHER);
        assertThat(app.get("/api/referrals/org-both-1", "coordinator-b").status()).isEqualTo(200);
        assertThat(app.get("/api/referrals/org-both-1", "coordinator").status()).isEqualTo(404);

        // Naming an organisation one does not belong to starts nothing there, also through the engine.
        LiveApplication.Answer elsewhere = app.post("/engine-rest/process-definition/key/ers-referral/start", "coordinator-b",
                Map.of("businessKey", "org-elsewhere-1", "variables", Map.of(
                        "nhsNumber", Map.of("value", NHS_NUMBER, "type", "String"),
                        "priority", Map.of("value", "ROUTINE", "type", "String"),
                        "specialty", Map.of("value", "CARDIOLOGY", "type", "String"),
                        "organisation", Map.of("value", HOME, "type", "String"))));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(403);
        assertThat(elsewhere.json().get("message").asText()).isEqualTo("organisation 'R69' is not one of your organisations (RXB)");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey("org-elsewhere-1").processDefinitionKey(PROCESS_KEY).count()).isZero();
    }

    @Test
    void startsWithoutAUserBelongToTheConfiguredOrganisation() {
        ProcessInstance internal = runtimeService.startProcessInstanceByKey(PROCESS_KEY, "org-internal-1", Map.of(
                "nhsNumber", NHS_NUMBER, "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "HEART_FAILURE"));

        assertThat(internal.getTenantId()).isEqualTo(HOME);
        assertThat(app.get("/api/referrals/org-internal-1", "coordinator").json().get("organisation").asText()).isEqualTo(HOME);
        assertThat(app.get("/api/referrals/org-internal-1", "coordinator-b").status()).isEqualTo(404);
    }

    /** Everything the outsiders try answers as if the referral did not exist; owners and admin see it; nothing changed. */
    private void assertSeparated(ProcessInstance referral, String owner, String ownerAnalyst, String outsider, String outsiderAnalyst) {
        String requestId = referral.getBusinessKey();
        String path = "/api/referrals/" + requestId;
        Task task = taskService.createTaskQuery().processInstanceId(referral.getId()).singleResult();
        Map<String, String> variablesBefore = variables(referral);
        long operationsBefore = historyService.createUserOperationLogQuery().processInstanceId(referral.getId()).count();

        // The application's APIs.
        assertThat(app.get(path, outsider).status()).isEqualTo(404);
        assertThat(app.get(path + "/patient-letter", outsider).status()).isEqualTo(404);
        assertThat(app.post(path + "/cancel", outsider, Map.of("reason", "NO_LONGER_REQUIRED")).status()).isEqualTo(404);
        assertThat(app.get(path + "/timeline", outsiderAnalyst).status()).isEqualTo(404);
        assertThat(app.get("/api/analytics/referrals?q=" + requestId, outsiderAnalyst).json().get("referrals")).isEmpty();
        assertThat(app.get("/api/analytics/referrals.csv", outsiderAnalyst).body()).doesNotContain(requestId);

        // The engine REST API: not in any task query, and not to be claimed, completed or read by id.
        assertThat(app.get("/engine-rest/task/count?processInstanceId=" + referral.getId(), outsider).json().get("count").asInt())
                .isZero();
        assertThat(app.get("/engine-rest/task", outsider).body()).doesNotContain(task.getId());
        assertThat(app.get("/engine-rest/task/" + task.getId(), outsider).status()).isEqualTo(404);
        LiveApplication.Answer claim = app.post("/engine-rest/task/" + task.getId() + "/claim", outsider, Map.of("userId", outsider));
        assertThat(claim.status()).as(claim.body()).isEqualTo(404);
        assertThat(claim.json().get("message").asText()).isEqualTo("Not found");
        LiveApplication.Answer completion = app.post("/engine-rest/task/" + task.getId() + "/complete", outsider,
                Map.of("variables", Map.of("patientLetterHandover", Map.of("value", "POSTED", "type", "String"))));
        assertThat(completion.status()).as(completion.body()).isEqualTo(404);
        // Beyond tasks, /engine-rest is for administrators: the same 403 whether the referral exists or not.
        LiveApplication.Answer instanceVariables = app.get("/engine-rest/process-instance/" + referral.getId() + "/variables", outsider);
        LiveApplication.Answer noSuchInstance = app.get("/engine-rest/process-instance/no-such-instance/variables", outsider);
        assertThat(instanceVariables.status()).isEqualTo(403);
        assertThat(instanceVariables.body()).isEqualTo(noSuchInstance.body()).doesNotContain(NHS_NUMBER);

        // The webapps' engine API reaches the engine, whose tenant check hides the referral.
        WebappSession outsiderSession = WebappSession.signIn(PORT, outsider);
        assertThat(outsiderSession.getEngineApi("/engine/default/process-instance/" + referral.getId() + "/variables").status())
                .isEqualTo(404);
        assertThat(outsiderSession.getEngineApi("/engine/default/history/process-instance?processInstanceId=" + referral.getId())
                .json()).isEmpty();
        assertThat(outsiderSession.getEngineApi("/engine/default/history/variable-instance?processInstanceId=" + referral.getId())
                .json()).isEmpty();
        LiveApplication.Answer message = outsiderSession.postEngineApi("/engine/default/message",
                "{\"messageName\":\"" + MESSAGE_CANCEL_REFERRAL + "\",\"processInstanceId\":\"" + referral.getId() + "\"}");
        assertThat(message.status()).as(message.body()).isEqualTo(400);
        assertThat(message.json().get("message").asText()).contains("No process definition or execution matches");

        // Tasklist, through the webapp's own engine API as its pages call it.
        assertThat(tasklistShows(outsider, referral)).isFalse();
        assertThat(tasklistShows(owner, referral)).isTrue();

        // Owners and admin see it.
        for (String reader : List.of(owner, "admin")) {
            JsonNode view = app.get(path, reader).json();
            assertThat(view.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(view.get("organisation").asText()).isEqualTo(referral.getTenantId());
            assertThat(app.get(path + "/patient-letter", reader).status()).isEqualTo(200);
            assertThat(app.get("/engine-rest/task/count?processInstanceId=" + referral.getId(), reader).json().get("count").asInt())
                    .isEqualTo(1);
        }
        for (String analyst : List.of(ownerAnalyst, "admin")) {
            assertThat(app.get(path + "/timeline", analyst).json().get("requestId").asText()).isEqualTo(requestId);
            assertThat(app.get("/api/analytics/referrals?q=" + requestId, analyst).json().get("referrals")).hasSize(1);
            assertThat(app.get("/api/analytics/referrals.csv", analyst).body()).contains(requestId);
        }

        // Nothing changed: still waiting at the same task, unclaimed, same variables, no cancellation.
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(referral.getId()).active().count()).isEqualTo(1);
        Task after = taskService.createTaskQuery().taskId(task.getId()).singleResult();
        assertThat(after).isNotNull();
        assertThat(after.getAssignee()).isNull();
        assertThat(variables(referral)).isEqualTo(variablesBefore).doesNotContainKeys("cancellationReason");
        assertThat(historyService.createUserOperationLogQuery().processInstanceId(referral.getId()).count()).isEqualTo(operationsBefore);
        assertThat(historyService.createUserOperationLogQuery().processInstanceId(referral.getId()).userId(outsider).count()).isZero();
        JsonNode calls = app.get("/ers-sim/admin/calls", "admin").json();
        assertThat(calls.path("A036").asInt(0)).isZero();
        assertThat(onlySimulatedReferral().get("status").asText()).isNotEqualTo("CANCELLED_REFERRAL");
    }

    private boolean tasklistShows(String user, ProcessInstance referral) {
        WebappSession tasklist = WebappSession.signIn(PORT, user);
        boolean inFilter = false;
        for (JsonNode task : referralTasksFilter(tasklist, user)) {
            inFilter |= referral.getId().equals(task.get("processInstanceId").asText());
        }
        JsonNode byInstance = tasklist.getEngineApi("/engine/default/task?processInstanceId=" + referral.getId()).json();
        assertThat(byInstance.isEmpty()).isEqualTo(!inFilter);
        return inFilter;
    }

    /** A two-week-wait referral sent for triage, waiting for its patient letter to be handed over: active, with a letter. */
    private ProcessInstance awaitingLetterHandover(String requestId, String coordinator) {
        LiveApplication.Answer started = app.post("/api/referrals", coordinator, Map.of("requestId", requestId,
                "nhsNumber", NHS_NUMBER, "priority", "TWO_WEEK_WAIT", "specialty", "CARDIOLOGY", "patientLetterTask", true));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        ProcessInstance referral = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(requestId).processDefinitionKey(PROCESS_KEY).singleResult();
        taskService.complete(awaitTask(referral, TASK_CHOOSE_SHORTLIST).getId(),
                Map.of("shortlist", SpinValues.jsonValue("[\"50001\"]").create()));
        taskService.complete(awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER).getId(), Map.of("attachLater", true));
        awaitTask(referral, TASK_GIVE_PATIENT_LETTER);
        return referral;
    }

    private Task awaitTask(ProcessInstance referral, String taskKey) {
        return Await.task(taskService, runtimeService, referral.getId(), taskKey, Duration.ofSeconds(30));
    }

    private Map<String, String> variables(ProcessInstance referral) {
        Map<String, String> variables = new TreeMap<>();
        for (VariableInstance variable : runtimeService.createVariableInstanceQuery().processInstanceIdIn(referral.getId())
                .disableBinaryFetching().list()) {
            variables.put(variable.getName(), variable.getTypeName() + ":"
                    + ("file".equals(variable.getTypeName()) ? "" : String.valueOf(variable.getValue())));
        }
        return variables;
    }

    private JsonNode onlySimulatedReferral() {
        JsonNode referrals = app.get("/ers-sim/admin/referrals", "admin").json();
        assertThat(referrals).hasSize(1);
        return referrals.get(0);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new TreeMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private void user(String id, String group, String... organisations) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setPassword(LiveApplication.PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            for (String organisation : organisations) {
                identityService.createTenantUserMembership(organisation, id);
            }
        }
    }
}
