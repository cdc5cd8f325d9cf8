package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The filters in front of everything, attacked over real HTTP on the running application: path
 * spellings that once slipped past the webapps' security filter, the first-admin setup,
 * {@code /engine-rest} beyond what Tasklist needs, cross-site state changes, oversized bodies, and
 * the headers and refusals every answer carries. Each refusal is checked for its exact status and
 * words, and for having changed nothing.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:edge;DB_CLOSE_DELAY=-1",
        "ers.read-timeout=3s",
        "referral.security.allowed-origins=https://portal.example.test",
        // as behind a TLS-terminating proxy on this host: X-Forwarded-Proto says whether the caller used https
        "server.forward-headers-strategy=native"})
@ExtendWith(OutputCaptureExtension.class)
class EdgeAttackTest {

    static final int PORT = LiveApplication.freePort();
    static final String EVIL = "http://attacker.example";
    static final String PLAIN_PATH = "The path must be plain";
    static final String NHS_NUMBER = "9912003888";

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    TaskService taskService;

    final LiveApplication app = new LiveApplication(PORT);
    final RawHttp raw = new RawHttp(PORT);

    // --- 1. path tricks ----------------------------------------------------------------------------------

    @Test
    void pathsThatAreNotPlainAreRefusedBeforeAnyoneAnswersThem() {
        List<String> tricks = List.of(
                "/camunda/api/engine/engine/default/user;x",
                "/camunda/api/engine/engine/default/user;jsessionid=1",
                "/camunda/api/engine/engine;x/default/user",
                "//camunda/api/engine/engine/default/user",
                "/camunda//api/engine/engine/default/user",
                "/camunda/./api/engine/engine/default/user",
                "/camunda/api/./engine/engine/default/user",
                "/camunda/api/../api/engine/engine/default/user",
                "/camunda/api/engine/engine/default/user/.",
                "/camunda/api/engine/engine/default/user/x/..",
                "/camunda/api/engine/engine/default/%75ser",
                "/camunda/api/engine/engine/default/%69dentity/groups?userId=admin",
                "/camunda/api/%2e/engine/engine/default/user",
                "/camunda/api/%2E/engine/engine/default/user",
                "/camunda/api/x/%2e%2E/engine/engine/default/user",
                "/Camunda/api/engine/engine/default/user",
                "/CAMUNDA/API/engine/engine/default/user",
                "/camunda/api/Engine/engine/default/user",
                "/camunda/api/admin/auth/user/default;x",
                "/camunda/api/admin/auth/user/%64efault",
                "/camunda/api/admin/../engine/engine/default/user",
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics;x",
                "/engine-rest/user;x",
                "/engine-rest//user",
                "/engine-rest/./user",
                "/engine-rest/x/../user",
                "/engine-rest/%75ser",
                "/Engine-Rest/user",
                "/api/referrals/edge-paths;x",
                "/api//referrals/edge-paths",
                "/api/./referrals/edge-paths",
                "/api/referrals/%65dge-paths",
                "/API/referrals/edge-paths");
        for (String trick : tricks) {
            for (String user : new String[] {null, "coordinator"}) {
                RawHttp.Reply reply = raw.get(trick, user);
                assertThat(reply.status()).as(trick + " as " + user + ": " + reply).isEqualTo(400);
                assertThat(reply.body()).as(trick).contains(PLAIN_PATH).doesNotContain(trick)
                        .doesNotContain("\"id\":\"admin\"").doesNotContain("camunda-admin").doesNotContain(NHS_NUMBER);
            }
        }
        // A colon, encoded as the webapps' scripts write it into process definition ids, is the one encoding let through:
        // it passes to the webapps' own login check and to the engine.
        RawHttp.Reply cockpit = raw.get("/camunda/api/engine/engine/default/process-definition/ers-referral%3A1%3Aedge", null);
        assertThat(cockpit.status()).as(cockpit.toString()).isEqualTo(401);
        RawHttp.Reply byId = raw.get("/engine-rest/process-definition/ers-referral%3A1%3Aedge", "admin");
        assertThat(byId.status()).as(byId.toString()).isEqualTo(400);
        assertThat(byId.body()).contains("NotFoundException").contains("ers-referral:1:edge").doesNotContain(PLAIN_PATH);
        for (String trick : List.of("/camunda/api/engine/engine/default/user%3A%2e", "/engine-rest/user%3A%75", "/engine-rest/%3A/../user")) {
            assertThat(raw.get(trick, "admin").status()).as(trick).isEqualTo(400);
        }

        // Backslashes, as they are or encoded, and encoded slashes: Tomcat refuses these itself, with its own words.
        for (String trick : List.of("/camunda\\api/engine/engine/default/user", "/camunda/api/engine/engine/default%5Cuser",
                "/camunda/api/engine/engine/default%5cuser", "/camunda/api/engine/engine/default%2Fuser", "/engine-rest%2Fuser",
                "/api/referrals%5Cedge-paths")) {
            RawHttp.Reply reply = raw.get(trick, "coordinator");
            assertThat(reply.status()).as(trick).isEqualTo(400);
            assertThat(reply.body()).contains("Bad Request").doesNotContain(trick).doesNotContain("\"id\":\"admin\"");
        }
    }

    @Test
    void theEngineApisAnswerNoOneWithoutSigningIn() {
        RawHttp.Reply webapp = raw.get("/camunda/api/engine/engine/default/user", null);
        assertThat(webapp.status()).as(webapp.toString()).isEqualTo(401);
        assertThat(webapp.body()).doesNotContain("\"id\":\"admin\"");
        RawHttp.Reply rest = raw.get("/engine-rest/user", null);
        assertThat(rest.status()).isEqualTo(401);
        assertThat(rest.body()).doesNotContain("\"id\":\"admin\"");
        assertThat(raw.get("/engine-rest/engine", null).status()).isEqualTo(403);
        // the plain spelling still works for those allowed
        RawHttp.Reply users = raw.get("/engine-rest/user", "admin");
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body()).contains("\"id\":\"admin\"");
    }

    // --- 2. first-admin setup ----------------------------------------------------------------------------

    @Test
    void theFirstAdminSetupIsAlwaysRefused() {
        String body = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@example.test\"},"
                + "\"credentials\":{\"password\":\"intruder-password\"}}";
        Map<String, String> json = Map.of("Content-Type", "application/json");
        for (String user : new String[] {null, "admin"}) {
            RawHttp.Reply plain = raw.send("POST", "/camunda/api/admin/setup/default/user/create", user, json, body);
            assertThat(plain.status()).as(plain.toString()).isEqualTo(403);
            assertThat(plain.body()).contains("first-admin setup is turned off");
            RawHttp.Reply trailing = raw.send("POST", "/camunda/api/admin/setup/default/user/create/", user, json, body);
            assertThat(trailing.status()).isEqualTo(403);
            RawHttp.Reply upper = raw.send("POST", "/camunda/api/admin/SETUP/default/user/create", user, json, body);
            assertThat(upper.status()).as(upper.toString()).isEqualTo(403);
            for (String trick : List.of("/camunda/api/admin/setup;x/default/user/create", "/camunda/api/admin/%73etup/default/user/create",
                    "/camunda/api/admin//setup/default/user/create", "/camunda/api/admin/x/../setup/default/user/create",
                    "/camunda/api/admin/./setup/default/user/create")) {
                RawHttp.Reply reply = raw.send("POST", trick, user, json, body);
                assertThat(reply.status()).as(trick).isEqualTo(400);
                assertThat(reply.body()).contains(PLAIN_PATH);
            }
        }
        assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    }

    // --- 4. /engine-rest beyond Tasklist's needs -----------------------------------------------------------

    @Test
    void onlyAdministratorsUseTheEngineRestApiBeyondStartingAndWorkingReferrals() {
        String instance = startReferral("edge-rest");
        String deployment = deploymentBody();
        long deployments = repositoryService.createDeploymentQuery().count();
        for (String user : new String[] {"coordinator", "analyst"}) {
            long grants = authorizationService.createAuthorizationQuery().userIdIn(user).count();
            List<RawHttp.Reply> refused = List.of(
                    raw.get("/engine-rest/user", user),
                    raw.get("/engine-rest/group?member=" + user, user),
                    raw.get("/engine-rest/engine/default/user", user),
                    raw.get("/engine-rest/history/variable-instance?processInstanceId=" + instance, user),
                    raw.get("/engine-rest/process-instance/" + instance + "/variables", user),
                    raw.get("/engine-rest/process-definition", user),
                    raw.send("POST", "/engine-rest/authorization/create", user, Map.of("Content-Type", "application/json"),
                            "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"" + user + "\",\"resourceType\":0,\"resourceId\":\"*\"}"),
                    raw.send("POST", "/engine-rest/deployment/create", user,
                            Map.of("Content-Type", "multipart/form-data; boundary=edge"), deployment),
                    raw.send("PUT", "/engine-rest/process-instance/" + instance + "/variables/priority", user,
                            Map.of("Content-Type", "application/json"), "{\"value\":\"URGENT\",\"type\":\"String\"}"),
                    raw.send("POST", "/engine-rest/process-instance/" + instance + "/variables", user,
                            Map.of("Content-Type", "application/json"), "{\"modifications\":{\"ubrn\":{\"value\":\"000000000001\"}}}"),
                    raw.send("POST", "/engine-rest/process-definition/key/other-process/start", user,
                            Map.of("Content-Type", "application/json"), "{}"),
                    raw.send("PUT", "/engine-rest/process-instance/" + instance + "/suspended", user,
                            Map.of("Content-Type", "application/json"), "{\"suspended\":true}"));
            for (RawHttp.Reply reply : refused) {
                assertThat(reply.status()).as(user + ": " + reply).isEqualTo(403);
                assertThat(reply.body()).contains("You may not do this").doesNotContain("camunda-admin")
                        .doesNotContain("referral-coordinators").doesNotContain(NHS_NUMBER);
            }
            assertThat(authorizationService.createAuthorizationQuery().userIdIn(user).count()).isEqualTo(grants);
        }
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(variable(instance, "priority")).isEqualTo("ROUTINE");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).suspended().count()).isZero();

        // what a GP system and a Tasklist-like client need works
        assertThat(raw.get("/engine-rest/process-definition/key/ers-referral", "coordinator").status()).isEqualTo(200);
        assertThat(raw.get("/engine-rest/engine/default/process-definition/key/ers-referral/form-variables", "coordinator").status())
                .isEqualTo(200);
        Task task = awaitTask(instance);
        RawHttp.Reply tasks = raw.get("/engine-rest/task?processInstanceId=" + instance, "coordinator");
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.body()).contains(task.getId());
        assertThat(raw.get("/engine-rest/task/" + task.getId() + "/form-variables", "coordinator").status()).isEqualTo(200);
        RawHttp.Reply claimed = raw.send("POST", "/engine-rest/task/" + task.getId() + "/claim", "coordinator",
                Map.of("Content-Type", "application/json"), "{\"userId\":\"coordinator\"}");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("coordinator");
        assertThat(raw.send("POST", "/engine-rest/task/" + task.getId() + "/unclaim", "coordinator", Map.of(), "").status())
                .isEqualTo(204);
        // administrators use everything
        assertThat(raw.get("/engine-rest/history/variable-instance?processInstanceId=" + instance, "admin").status()).isEqualTo(200);
        assertThat(raw.get("/engine-rest/process-definition", "admin").status()).isEqualTo(200);
    }

    // --- 7. cross-site requests --------------------------------------------------------------------------

    @Test
    void stateChangingRequestsFromOtherSitesAreRefused(CapturedOutput output) {
        armFault();
        for (Map<String, String> crossSite : List.of(
                Map.of("Origin", EVIL),
                Map.of("Origin", "null"),
                Map.of("Origin", "http://localhost:" + (PORT + 1)),
                Map.of("Origin", "https://localhost:" + PORT),
                Map.of("Origin", "http://localhost:" + PORT + ".attacker.example"),
                Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Sec-Fetch-Site", "cross-site", "Origin", "http://localhost:" + PORT),
                Map.of("Sec-Fetch-Site", "same-site", "Origin", EVIL))) {
            RawHttp.Reply reset = raw.send("POST", "/ers-sim/admin/reset", "admin", crossSite, "{}");
            assertThat(reset.status()).as(crossSite + ": " + reset).isEqualTo(403);
            assertThat(reset.body()).contains("cross-site request refused");
            RawHttp.Reply clear = raw.send("DELETE", "/ers-sim/admin/faults", "admin", crossSite, null);
            assertThat(clear.status()).isEqualTo(403);
            assertThat(app.get("/ers-sim/admin/faults", "admin").body()).as("the armed fault survives " + crossSite).contains("A030");
        }
        assertThat(output.getOut()).contains("Refused a cross-site request: POST /ers-sim/admin/reset");

        long deployments = repositoryService.createDeploymentQuery().count();
        RawHttp.Reply deploy = raw.send("POST", "/engine-rest/deployment/create", "admin",
                Map.of("Content-Type", "multipart/form-data; boundary=edge", "Origin", EVIL, "Sec-Fetch-Site", "cross-site"),
                deploymentBody());
        assertThat(deploy.status()).isEqualTo(403);
        assertThat(deploy.body()).contains("cross-site request refused");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);

        String start = "{\"requestId\":\"edge-csrf\",\"nhsNumber\":\"" + NHS_NUMBER
                + "\",\"priority\":\"ROUTINE\",\"specialty\":\"CARDIOLOGY\",\"clinicType\":\"HEART_FAILURE\"}";
        RawHttp.Reply referral = raw.send("POST", "/api/referrals", "coordinator",
                Map.of("Content-Type", "text/plain", "Origin", EVIL), start);
        assertThat(referral.status()).isEqualTo(403);
        assertThat(referral.body()).contains("cross-site request refused");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("edge-csrf").processDefinitionKey(org.ersreferral.process.ReferralProcess.PROCESS_KEY).count()).isZero();
        assertThat(app.get("/api/referrals/edge-csrf", "coordinator").status()).isEqualTo(404);

        // reads are not state changes; the application's own pages, configured origins and scripts may change state
        assertThat(raw.send("GET", "/ers-sim/admin/faults", "admin", Map.of("Origin", EVIL, "Sec-Fetch-Site", "cross-site"), null)
                .status()).isEqualTo(200);
        RawHttp.Reply sameOrigin = raw.send("POST", "/ers-sim/admin/reset", "admin",
                Map.of("Origin", "http://localhost:" + PORT, "Sec-Fetch-Site", "same-origin"), "{}");
        assertThat(sameOrigin.status()).isEqualTo(204);
        assertThat(app.get("/ers-sim/admin/faults", "admin").body()).doesNotContain("A030");
        armFault();
        RawHttp.Reply sameOriginNull = raw.send("POST", "/ers-sim/admin/reset", "admin",
                Map.of("Origin", "null", "Sec-Fetch-Site", "same-origin"), "{}");
        assertThat(sameOriginNull.status()).as("a page sent with Referrer-Policy no-referrer").isEqualTo(204);
        armFault();
        RawHttp.Reply allowed = raw.send("POST", "/ers-sim/admin/reset", "admin",
                Map.of("Origin", "https://portal.example.test", "Sec-Fetch-Site", "cross-site"), "{}");
        assertThat(allowed.status()).isEqualTo(204);
        armFault();
        assertThat(raw.send("POST", "/ers-sim/admin/reset", "admin", Map.of(), "{}").status()).isEqualTo(204);
        assertThat(app.get("/ers-sim/admin/faults", "admin").body()).doesNotContain("A030");
    }

    // --- 10. request sizes -------------------------------------------------------------------------------

    @Test
    void bodiesLargerThanThePathAllowsAreRefusedWithTheLimit() {
        RawHttp.Reply declared = raw.declared("POST", "/api/referrals", "coordinator", 40L * 1024 * 1024);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.body()).contains("at most 1 MB (1048576 bytes)");

        RawHttp.Reply unauthenticated = raw.declared("POST", "/engine-rest/deployment/create", null, 40L * 1024 * 1024);
        assertThat(unauthenticated.status()).isEqualTo(413);

        RawHttp.Reply chunked = raw.chunked("POST", "/api/referrals", "coordinator", "{\"requestId\":\"edge-big\",\"nhsNumber\":\""
                + NHS_NUMBER + "\",\"priority\":\"ROUTINE\",\"specialty\":\"CARDIOLOGY\",\"clinicalTerm\":\"", 5L * 1024 * 1024);
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
        assertThat(chunked.body()).contains("at most 1 MB (1048576 bytes)");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("edge-big").processDefinitionKey(org.ersreferral.process.ReferralProcess.PROCESS_KEY).count()).isZero();

        String instance = startReferral("edge-size");
        Task task = awaitTask(instance);
        RawHttp.Reply complete = raw.declared("POST", "/engine-rest/task/" + task.getId() + "/complete", "coordinator",
                33L * 1024 * 1024);
        assertThat(complete.status()).isEqualTo(413);
        assertThat(complete.body()).contains("at most 32 MB (33554432 bytes)");
        RawHttp.Reply webappComplete = raw.declared("POST", "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form",
                null, 33L * 1024 * 1024);
        assertThat(webappComplete.status()).isEqualTo(413);
        RawHttp.Reply chunkedComplete = raw.chunked("POST", "/engine-rest/task/" + task.getId() + "/complete", "coordinator",
                "{\"variables\":{\"note\":{\"type\":\"String\",\"value\":\"", 33L * 1024 * 1024);
        assertThat(chunkedComplete.status()).isEqualTo(413);
        assertThat(chunkedComplete.body()).contains("at most 32 MB");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(runtimeService.getVariable(instance, "note")).isNull();

        // a letter-sized completion is read in full and reaches the engine (which refuses the unknown field, not the size)
        RawHttp.Reply letterSized = raw.chunked("POST", "/engine-rest/task/" + task.getId() + "/complete", "coordinator",
                "{\"variables\":{\"note\":{\"type\":\"String\",\"value\":\"", 2L * 1024 * 1024);
        assertThat(letterSized.status()).as(letterSized.toString()).isNotEqualTo(413).isLessThan(500);

        // still healthy afterwards
        assertThat(app.get("/api/referrals/edge-size", "coordinator").status()).isEqualTo(200);
    }

    // --- 13. headers and refusals ------------------------------------------------------------------------

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        startReferral("edge-headers");
        for (RawHttp.Reply reply : List.of(raw.get("/api/referrals/edge-headers", "coordinator"),
                raw.get("/api/analytics/outcomes", "analyst"), raw.get("/engine-rest/task", "coordinator"),
                raw.get("/engine-rest/user", "coordinator"), raw.get("/api/referrals/edge-headers", null))) {
            assertThat(reply.header("X-Content-Type-Options")).as(reply.toString()).isEqualTo("nosniff");
            assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(reply.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
            assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            assertThat(reply.header("Strict-Transport-Security")).as("plain http").isNull();
        }
        RawHttp.Reply page = raw.get("/analytics/", "analyst");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        RawHttp.Reply refusedPath = raw.get("/api/referrals;x", null);
        assertThat(refusedPath.header("X-Content-Type-Options")).isEqualTo("nosniff");

        // Tasklist sends a browser to sign in first (its page then keeps Camunda's own policy: SignInBrowserTest),
        // with a referrer for its same-origin CSRF check
        RawHttp.Reply tasklist = raw.send("GET", "/camunda/app/tasklist/default/", null, Map.of("Accept", "text/html"), null);
        assertThat(tasklist.status()).isEqualTo(302);
        assertThat(tasklist.header("Location")).endsWith("/oauth2/authorization/cis2");
        assertThat(tasklist.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(tasklist.header("X-Content-Type-Options")).isEqualTo("nosniff");

        // behind a TLS proxy: HSTS, and every cookie Secure
        RawHttp.Reply secure = raw.send("GET", "/camunda/app/tasklist/default/", null,
                Map.of("X-Forwarded-Proto", "https", "Accept", "text/html"), null);
        assertThat(secure.header("Strict-Transport-Security")).isEqualTo(SecurityHeadersFilter.HSTS);
        assertThat(secure.all("Set-Cookie")).isNotEmpty().allSatisfy(cookie -> assertThat(cookie.toLowerCase()).contains("secure"));
        RawHttp.Reply secureApi = raw.send("GET", "/api/referrals/edge-headers", "coordinator", Map.of("X-Forwarded-Proto", "https"), null);
        assertThat(secureApi.header("Strict-Transport-Security")).isEqualTo(SecurityHeadersFilter.HSTS);
    }

    @Test
    void refusalsNameNoGroup() {
        for (RawHttp.Reply reply : List.of(raw.get("/analytics/", "coordinator"), raw.get("/api/analytics/outcomes", "coordinator"),
                raw.get("/api/referrals/edge-x", "analyst"), raw.send("POST", "/ers-sim/admin/reset", "coordinator", Map.of(), "{}"),
                raw.get("/engine-rest/group", "analyst"))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.body()).contains("You may not do this").doesNotContain("referral-analysts")
                    .doesNotContain("camunda-admin").doesNotContain("referral-coordinators").doesNotContain("group");
        }
    }

    @Test
    void userTextNeverSplitsALogLine(CapturedOutput output) {
        LoggerFactory.getLogger(EdgeAttackTest.class).warn("Request {} refused", "edge-1\r\n2026-01-01 ERROR forged line\nagain");
        assertThat(output.getOut()).contains("Request edge-1 2026-01-01 ERROR forged line again refused")
                .doesNotContain("\n2026-01-01 ERROR forged line");
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private void armFault() {
        LiveApplication.Answer armed = app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A030", "status", 503, "times", 1));
        assertThat(armed.status()).as(armed.body()).isEqualTo(201);
    }

    private String startReferral(String requestId) {
        LiveApplication.Answer answer = app.post("/api/referrals", "coordinator", Map.of("requestId", requestId, "nhsNumber", NHS_NUMBER,
                "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "HEART_FAILURE"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("processInstanceId").asText();
    }

    private Task awaitTask(String instance) {
        // long enough for the e-RS calls before the task to be retried on a busy machine
        return Await.task(taskService, runtimeService, instance, ReferralProcess.TASK_CHOOSE_SHORTLIST, Duration.ofSeconds(120));
    }

    private Object variable(String instance, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName(name).singleResult()
                .getValue();
    }

    /** A deployment of a process whose script runs on the server: what an attacker would deploy. */
    private static String deploymentBody() {
        String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " targetNamespace=\"edge\"><process id=\"edge-probe\" isExecutable=\"true\"><startEvent id=\"s\"/>"
                + "<scriptTask id=\"t\" scriptFormat=\"javascript\"><script>1</script></scriptTask></process></definitions>";
        return "--edge\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nedge-probe\r\n"
                + "--edge\r\nContent-Disposition: form-data; name=\"data\"; filename=\"edge-probe.bpmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + bpmn + "\r\n--edge--\r\n";
    }
}
