package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.MESSAGE_CANCEL_REFERRAL;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.tasklist.WebappSession;
import org.ersreferral.testsupport.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Attacks on who may do what, over HTTP against the running application: analysts reading patient
 * data, coordinators rewriting a referral, guessing passwords to lock someone out, object variables,
 * and the users being there before the first request.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:access-attack;DB_CLOSE_DELAY=-1",
        "referral.security.first-admin.user-id=ops-admin",
        "referral.security.first-admin.password=" + AccessAttackTest.FIRST_ADMIN_PASSWORD,
        "referral.security.login.lock-time=2s"})
class AccessAttackTest {

    static final String FIRST_ADMIN_PASSWORD = "first-admin-test-password";
    static final int PORT = LiveApplication.freePort();
    private static final String NHS_NUMBER = "9912003888";
    private static final AtomicLong COORDINATORS_WHEN_PORT_OPENED = new AtomicLong(-1);
    private static final AtomicLong ADMINS_WHEN_PORT_OPENED = new AtomicLong(-1);
    private static final AtomicLong GRANTS_WHEN_PORT_OPENED = new AtomicLong(-1);

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    /** What exists at the moment the connector has bound the port, before any request can be answered. */
    @TestConfiguration
    static class WhenThePortOpens {
        @Bean
        ApplicationListener<ServletWebServerInitializedEvent> recordAccessWhenThePortOpens(IdentityService identity,
                                                                                            AuthorizationService authorizations) {
            return event -> {
                COORDINATORS_WHEN_PORT_OPENED.set(identity.createUserQuery().memberOfGroup(AccessGroups.COORDINATORS).count());
                ADMINS_WHEN_PORT_OPENED.set(identity.createUserQuery().userId("ops-admin").memberOfGroup(AccessGroups.ADMINS).count());
                GRANTS_WHEN_PORT_OPENED.set(authorizations.createAuthorizationQuery().groupIdIn(AccessGroups.COORDINATORS).count());
            };
        }
    }

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    private final LiveApplication app = new LiveApplication(PORT);

    @Test
    void usersGroupsAndGrantsExistBeforeThePortOpens() {
        assertThat(COORDINATORS_WHEN_PORT_OPENED.get()).as("coordinators when the port opened")
                .isEqualTo(DemoUsers.ALL.stream().filter(user -> user.groupId().equals(AccessGroups.COORDINATORS)).count());
        assertThat(ADMINS_WHEN_PORT_OPENED.get()).as("the first admin when the port opened").isEqualTo(1);
        assertThat(GRANTS_WHEN_PORT_OPENED.get()).as("coordinators' grants when the port opened").isGreaterThan(3);
        Answer signedIn = raw("127.0.0.1", "GET", "/engine-rest/group?member=ops-admin", "ops-admin", FIRST_ADMIN_PASSWORD, null);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(signedIn.body()).contains("\"id\":\"camunda-admin\"");
    }

    @Test
    void analystsReadInstancesAndHistoryButNoVariables() {
        ProcessInstance referral = startAndAwaitShortlist("attack-analyst-1");
        String id = referral.getId();
        Task task = shortlistTask(referral);

        // /engine-rest is for administrators and Tasklist-like clients: an analyst reads nothing there.
        for (String path : new String[] {"/process-instance/" + id, "/history/process-instance/" + id,
                "/history/variable-instance?processInstanceId=" + id, "/process-instance/" + id + "/variables"}) {
            LiveApplication.Answer refused = app.get("/engine-rest" + path, "analyst");
            assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.body()).as(path).doesNotContain(NHS_NUMBER).doesNotContain(AccessGroups.ANALYSTS);
        }

        // Cockpit's engine API: the engine itself lets analysts read instances and history, never variables.
        WebappSession cockpit = WebappSession.signIn(PORT, "cockpit", "analyst");
        String engine = "/engine/default";
        assertThat(cockpit.getEngineApi(engine + "/process-instance/" + id).status()).isEqualTo(200);
        assertThat(cockpit.getEngineApi(engine + "/history/process-instance/" + id).json().get("businessKey").asText())
                .isEqualTo("attack-analyst-1");
        assertThat(cockpit.getEngineApi(engine + "/history/activity-instance?processInstanceId=" + id).json()).isNotEmpty();
        assertThat(cockpit.getEngineApi(engine + "/history/task?processInstanceId=" + id).json()).isNotEmpty();
        assertThat(cockpit.getEngineApi(engine + "/history/incident?processInstanceId=" + id).status()).isEqualTo(200);
        for (String path : new String[] {engine + "/process-instance/" + id + "/variables",
                engine + "/process-instance/" + id + "/variables/nhsNumber",
                engine + "/execution/" + id + "/localVariables",
                engine + "/task/" + task.getId() + "/variables",
                engine + "/task/" + task.getId() + "/form-variables"}) {
            LiveApplication.Answer refused = cockpit.getEngineApi(path);
            assertThat(refused.status()).as(path + ": " + refused.body()).isIn(403, 404);
            assertThat(refused.body()).as(path).doesNotContain(NHS_NUMBER);
        }
        for (String query : new String[] {engine + "/variable-instance?processInstanceIdIn=" + id,
                engine + "/history/variable-instance?processInstanceId=" + id}) {
            LiveApplication.Answer empty = cockpit.getEngineApi(query);
            assertThat(empty.status()).as(query).isEqualTo(200);
            assertThat(empty.json()).as(query + ": " + empty.body()).isEmpty();
        }
        assertThat(app.get("/engine-rest/history/variable-instance?processInstanceId=" + id, "admin").body())
                .as("the variables are there, for admins").contains(NHS_NUMBER);

        LiveApplication.Answer variables = cockpit.getEngineApi(engine + "/process-instance/" + id + "/variables");
        assertThat(variables.status()).as(variables.body()).isEqualTo(403);
        assertThat(variables.body()).doesNotContain(NHS_NUMBER);
        LiveApplication.Answer queried = cockpit.postEngineApi(engine + "/variable-instance", "{\"processInstanceIdIn\":[\"" + id + "\"]}");
        assertThat(queried.status()).isEqualTo(200);
        assertThat(queried.json()).as(queried.body()).isEmpty();
        LiveApplication.Answer history = cockpit.postEngineApi(engine + "/history/variable-instance", "{\"processInstanceId\":\"" + id + "\"}");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json()).as(history.body()).isEmpty();
        LiveApplication.Answer historyDetail = cockpit.getEngineApi(engine + "/history/detail?processInstanceId=" + id);
        assertThat(historyDetail.json()).as(historyDetail.body()).isEmpty();
    }

    @Test
    void coordinatorsCannotRewriteSuspendModifyOrDeleteAReferral() {
        ProcessInstance referral = startAndAwaitShortlist("attack-coordinator-1");
        String id = referral.getId();
        Task task = shortlistTask(referral);
        Map<String, String> before = variables(id);
        Map<String, Object> string = Map.of("value", "999999999999", "type", "String");

        String[][] attacks = {
                {"PUT", "/engine-rest/process-instance/" + id + "/variables/ubrn", json(string)},
                {"POST", "/engine-rest/process-instance/" + id + "/variables", json(Map.of("modifications", Map.of("services", string)))},
                {"DELETE", "/engine-rest/process-instance/" + id + "/variables/nhsNumber", null},
                {"PUT", "/engine-rest/execution/" + id + "/localVariables/ubrn", json(string)},
                {"PUT", "/engine-rest/task/" + task.getId() + "/variables/slots", json(string)},
                {"POST", "/engine-rest/task/" + task.getId() + "/variables", json(Map.of("modifications", Map.of("ubrn", string)))},
                {"PUT", "/engine-rest/task/" + task.getId() + "/localVariables/ubrn", json(string)},
                // the task's own tenant id: without it the engine refuses the tenant change before it checks permissions
                {"PUT", "/engine-rest/task/" + task.getId(), json(Map.of("name", "renamed", "priority", 1, "tenantId", "R69"))},
                {"POST", "/engine-rest/process-instance/" + id + "/modification", json(Map.of("instructions",
                        java.util.List.of(Map.of("type", "cancel", "activityId", TASK_CHOOSE_SHORTLIST))))},
                {"PUT", "/engine-rest/process-instance/" + id + "/suspended", json(Map.of("suspended", true))},
                {"PUT", "/engine-rest/process-instance/suspended", json(Map.of("processInstanceIds", java.util.List.of(id), "suspended", true))},
                {"DELETE", "/engine-rest/process-instance/" + id, null},
                {"POST", "/engine-rest/message", json(Map.of("messageName", MESSAGE_CANCEL_REFERRAL, "processInstanceId", id,
                        "processVariables", Map.of("ubrn", string)))}};
        WebappSession tasklist = WebappSession.signIn(PORT, "tasklist", "coordinator");
        for (String[] attack : attacks) {
            // /engine-rest refuses at its edge; the webapps' engine API (Tasklist's) reaches the engine, which refuses too.
            Answer answer = raw("127.0.0.1", attack[0], attack[1], "coordinator", LiveApplication.PASSWORD, attack[2]);
            assertThat(answer.status()).as(attack[0] + " " + attack[1] + ": " + answer.body()).isEqualTo(403);
            String enginePath = attack[1].replace("/engine-rest/", "/engine/default/");
            LiveApplication.Answer engineAnswer = tasklist.sendEngineApi(attack[0], enginePath, attack[2]);
            if (enginePath.endsWith("/message") || enginePath.equals("/engine/default/task/" + task.getId()) && "PUT".equals(attack[0])) {
                // A message may carry only the cancellation's variables, and a referral's task keeps what the
                // process gave it, whoever asks.
                assertThat(engineAnswer.status()).as(enginePath + ": " + engineAnswer.body()).isEqualTo(400);
                assertThat(engineAnswer.body()).containsAnyOf("Variable 'ubrn' may not be set by a message",
                        "A referral's task is changed only by working it");
            } else {
                assertThat(engineAnswer.status()).as(attack[0] + " " + enginePath + ": " + engineAnswer.body()).isEqualTo(403);
                assertThat(engineAnswer.body()).as(enginePath).contains("AuthorizationException");
            }
        }

        LiveApplication.Answer form = tasklist.getEngineApi("/engine/default/task/" + task.getId() + "/form-variables");
        assertThat(form.status()).as("the task's form still loads: " + form.body()).isEqualTo(200);

        assertThat(variables(id)).as("variables unchanged").isEqualTo(before);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(id).active().count()).as("running, not suspended")
                .isEqualTo(1);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(id).count()).isZero();
        assertThat(shortlistTask(referral).getId()).as("the same task is open").isEqualTo(task.getId());
        assertThat(taskService.getTaskComments(task.getId())).isEmpty();

        // The application's cancel correlates as the application, not as the coordinator: it still works.
        LiveApplication.Answer cancelled = app.post("/api/referrals/attack-coordinator-1/cancel", "coordinator",
                Map.of("reason", "NO_LONGER_REQUIRED"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
    }

    @Test
    void guessingPasswordsLocksOnlyThatSourceOutForThatUserAndOnlyForAWhile() throws InterruptedException {
        for (int i = 0; i < 12; i++) {
            assertThat(raw("127.0.0.1", "GET", "/engine-rest/process-definition/count", "admin", "guess-" + i, null).status())
                    .isEqualTo(401);
        }
        Answer locked = raw("127.0.0.1", "GET", "/engine-rest/process-definition/count", "admin", LiveApplication.PASSWORD, null);
        assertThat(locked.status()).as("the right password from the guessing address").isEqualTo(401);
        assertThat(raw("127.0.0.1", "GET", "/api/analytics/outcomes", "admin", LiveApplication.PASSWORD, null).status())
                .as("the application's APIs check the same way").isEqualTo(401);
        assertThat(raw("127.0.0.1", "GET", "/engine-rest/task/count", "coordinator", LiveApplication.PASSWORD, null)
                .status()).as("another user from that address").isEqualTo(200);

        Answer elsewhere = raw("127.0.0.2", "GET", "/engine-rest/process-definition/count", "admin", LiveApplication.PASSWORD, null);
        assertThat(elsewhere.status()).as("the real user from another address: " + elsewhere.body()).isEqualTo(200);
        assertThat(WebappSession.signIn(PORT, "cockpit", "analyst")).isNotNull();

        Instant deadline = Instant.now().plusSeconds(10);
        Answer after;
        do {
            Thread.sleep(250);
            after = raw("127.0.0.1", "GET", "/engine-rest/process-definition/count", "admin", LiveApplication.PASSWORD, null);
        } while (after.status() != 200 && Instant.now().isBefore(deadline));
        assertThat(after.status()).as("after the lock time: nobody is locked for good").isEqualTo(200);
        assertThat(after.body()).contains("\"count\"");
    }

    @Test
    void objectVariablesAreRefusedAndNothingIsStored() {
        Map<String, Object> valid = Map.of(
                "nhsNumber", Map.of("value", NHS_NUMBER, "type", "String"),
                "priority", Map.of("value", "ROUTINE", "type", "String"),
                "specialty", Map.of("value", "CARDIOLOGY", "type", "String"),
                "clinicType", Map.of("value", "HEART_FAILURE", "type", "String"));
        Map<String, Object> url = Map.of("type", "Object", "value", "\"http://attacker.example/\"", "valueInfo",
                Map.of("objectTypeName", "java.net.URL", "serializationDataFormat", "application/json"));
        Map<String, Object> serialized = Map.of("type", "Object", "value", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==", "valueInfo",
                Map.of("objectTypeName", "java.util.HashMap", "serializationDataFormat", "application/x-java-serialized-object"));
        Map<String, Object> gadget = Map.of("type", "Object", "value", "{}", "valueInfo",
                Map.of("objectTypeName", "org.springframework.context.support.ClassPathXmlApplicationContext",
                        "serializationDataFormat", "application/json"));
        int n = 0;
        for (Map<String, Object> object : java.util.List.of(url, serialized, gadget)) {
            String businessKey = "attack-object-" + n++;
            Map<String, Object> variables = new TreeMap<>(valid);
            variables.put("payload", object);
            LiveApplication.Answer refused = app.post("/engine-rest/process-definition/key/ers-referral/start", "admin",
                    Map.of("businessKey", businessKey, "variables", variables));
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            // The start's form-field guard refuses it first; the object serializer's own refusal is tested below.
            assertThat(refused.body()).containsIgnoringCase("variable 'payload'");
            assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).processDefinitionKey(org.ersreferral.process.ReferralProcess.PROCESS_KEY).count())
                    .as("nothing started").isZero();
        }

        ProcessInstance referral = startAndAwaitShortlist("attack-object-running");
        Map<String, String> before = variables(referral.getId());
        LiveApplication.Answer put = app.put("/engine-rest/process-instance/" + referral.getId() + "/variables/payload", "admin", url);
        assertThat(put.status()).as(put.body()).isEqualTo(400);
        assertThat(put.body()).contains("'payload' has type Object");
        LiveApplication.Answer untyped = app.post("/engine-rest/process-instance/" + referral.getId() + "/variables", "admin",
                Map.of("modifications", Map.of("payload", Map.of("value", Map.of("class", "java.net.URL")))));
        assertThat(untyped.status()).as(untyped.body()).isEqualTo(400);
        assertThat(variables(referral.getId())).isEqualTo(before);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(referral.getId()).count()).isZero();
    }

    // ---------------------------------------------------------------------------------------------

    private ProcessInstance startAndAwaitShortlist(String requestId) {
        LiveApplication.Answer answer = app.post("/api/referrals", "coordinator", Map.of("requestId", requestId, "nhsNumber", NHS_NUMBER,
                "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "HEART_FAILURE"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        ProcessInstance referral = runtimeService.createProcessInstanceQuery()
                .processInstanceId(answer.json().get("processInstanceId").asText()).singleResult();
        Instant deadline = Instant.now().plusSeconds(30);
        while (shortlistTask(referral) == null) {
            assertThat(Instant.now()).as("waiting for the shortlist task of " + requestId).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return referral;
    }

    private Task shortlistTask(ProcessInstance referral) {
        return taskService.createTaskQuery().processInstanceId(referral.getId()).taskDefinitionKey(TASK_CHOOSE_SHORTLIST).singleResult();
    }

    /** Every variable of the instance as type and text, to compare before and after. */
    private Map<String, String> variables(String processInstanceId) {
        Map<String, String> all = new TreeMap<>();
        for (VariableInstance variable : runtimeService.createVariableInstanceQuery().processInstanceIdIn(processInstanceId).list()) {
            all.put(variable.getName() + "@" + variable.getExecutionId(), variable.getTypeName() + ":" + variable.getValue());
        }
        assertThat(all).containsKey("nhsNumber@" + processInstanceId);
        return all;
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Answer(int status, String body) {
    }

    /**
     * One HTTP/1.1 request from a chosen loopback address (127.0.0.2 is loopback on Linux too): a
     * second client machine, as far as the server can tell, with no forwarded-for header to trust.
     */
    private static Answer raw(String fromAddress, String method, String path, String user, String password, String body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), PORT), 5000);
            socket.setSoTimeout(30_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost:" + PORT + "\r\nConnection: close\r\n"
                    + "Accept: application/json\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + content.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            String payload = split < 0 ? "" : response.substring(split + 4);
            return new Answer(status, payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
