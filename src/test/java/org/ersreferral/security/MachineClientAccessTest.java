package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.testsupport.MachineTokenServer.ANALYTICS_TOOL;
import static org.ersreferral.testsupport.MachineTokenServer.AUDIENCE;
import static org.ersreferral.testsupport.MachineTokenServer.GP_SYSTEM;
import static org.ersreferral.testsupport.MachineTokenServer.OTHER_API_CLIENT;
import static org.ersreferral.testsupport.MachineTokenServer.OTHER_GP_SYSTEM;
import static org.ersreferral.testsupport.MachineTokenServer.SELF_MADE_ADMIN;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.testsupport.MachineTokenServer;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Machine clients with bearer tokens of a real authorization server ({@link MachineTokenServer},
 * {@code client_credentials}): a GP system starts and reads referrals through {@code /api/referrals}
 * and {@code /engine-rest} in its organisation, an analysts' tool reads analytics but not referrals,
 * and tokens that are expired, for another audience, of another issuer or key, unsigned, or whose
 * scopes claim what no mapping gives, get nowhere.
 */
class MachineClientAccessTest extends RunningApplicationTest {

    private static final String NHS_NUMBER = "9912003888";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;

    private final MachineTokenServer tokens = MachineTokenServer.shared();
    private LiveApplication app;

    @BeforeEach
    void setUp() {
        app = new LiveApplication(port);
    }

    @AfterEach
    void endReferrals() {
        deleteRunningReferrals(runtimeService);
    }

    @Test
    void gpSystemStartsAndReadsItsReferralThroughTheReferralApi() throws Exception {
        String gp = tokens.token(GP_SYSTEM);
        String requestId = "machine-" + UUID.randomUUID();

        LiveApplication.Answer started = post("/api/referrals", gp, startBody(requestId));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().get("organisation").asText()).isEqualTo("R69");

        LiveApplication.Answer read = get("/api/referrals/" + requestId, gp);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("requestId").asText()).isEqualTo(requestId);
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(read.json().get("processInstanceId").asText()).singleResult();
        assertThat(instance.getStartUserId()).as("the client is the start user").isEqualTo(GP_SYSTEM);
        assertThat(instance.getTenantId()).isEqualTo("R69");

        // The same request id again: the same referral, not a second one.
        assertThat(post("/api/referrals", gp, startBody(requestId)).status()).isEqualTo(200);
        // Another organisation's GP system does not see it, nor may it take its request id.
        String otherGp = tokens.token(OTHER_GP_SYSTEM);
        assertThat(get("/api/referrals/" + requestId, otherGp).status()).isEqualTo(404);
        assertThat(post("/api/referrals", otherGp, startBody(requestId)).status()).isEqualTo(409);
    }

    @Test
    void gpSystemStartsAReferralAndReadsItsTasksThroughEngineRest() throws Exception {
        String gp = tokens.token(GP_SYSTEM);
        String businessKey = "machine-rest-" + UUID.randomUUID();

        LiveApplication.Answer started = post("/engine-rest/process-definition/key/ers-referral/start", gp, Map.of(
                "businessKey", businessKey, "variables", Map.of(
                        "nhsNumber", Map.of("value", NHS_NUMBER, "type", "String"),
                        "priority", Map.of("value", "ROUTINE", "type", "String"),
                        "specialty", Map.of("value", "CARDIOLOGY", "type", "String"))));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instanceId = started.json().get("id").asText();
        assertThat(started.json().get("tenantId").asText()).as("the engine saw the client's organisation").isEqualTo("R69");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getStartUserId()).isEqualTo(GP_SYSTEM);

        LiveApplication.Answer tasks = get("/engine-rest/task?processInstanceBusinessKey=" + businessKey, gp);
        assertThat(tasks.status()).as(tasks.body()).isEqualTo(200);
        // A GP system is no person e-RS calls could act as: the referral waits for a coordinator to take it on.
        assertThat(tasks.json()).singleElement().satisfies(task ->
                assertThat(task.get("taskDefinitionKey").asText()).isEqualTo(ReferralProcess.TASK_TAKE_ON_REFERRAL));
        // Another organisation's client finds none of them, and the engine answers its direct look-up as unknown.
        String otherGp = tokens.token(OTHER_GP_SYSTEM);
        LiveApplication.Answer otherTasks = get("/engine-rest/task?processInstanceBusinessKey=" + businessKey, otherGp);
        assertThat(otherTasks.status()).isEqualTo(200);
        assertThat(otherTasks.json()).isEmpty();
        assertThat(get("/engine-rest/process-instance/" + instanceId, otherGp).status()).as("not one of its endpoints").isEqualTo(403);

        // Not an administrator: the rest of the engine's API stays closed.
        assertThat(get("/engine-rest/deployment", gp).status()).isEqualTo(403);
        assertThat(get("/engine-rest/user", gp).status()).isEqualTo(403);
    }

    @Test
    void analyticsToolReadsAnalyticsButNotReferrals() throws Exception {
        String gp = tokens.token(GP_SYSTEM);
        String requestId = "machine-analytics-" + UUID.randomUUID();
        assertThat(post("/api/referrals", gp, startBody(requestId)).status()).isEqualTo(201);

        String analyst = tokens.token(ANALYTICS_TOOL);
        LiveApplication.Answer outcomes = get("/api/analytics/outcomes", analyst);
        assertThat(outcomes.status()).as(outcomes.body()).isEqualTo(200);
        LiveApplication.Answer listed = get("/api/analytics/referrals?q=" + requestId, analyst);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(requestId);
        assertThat(get("/api/referrals/" + requestId + "/timeline", analyst).status()).isEqualTo(200);

        assertThat(get("/api/referrals/" + requestId, analyst).status()).isEqualTo(403);
        assertThat(post("/api/referrals", analyst, startBody("machine-" + UUID.randomUUID())).status()).isEqualTo(403);
        assertThat(get("/api/analytics/outcomes", gp).status()).as("coordinators' scope only").isEqualTo(403);
    }

    @Test
    void scopesNamedLikeAdministrationGiveNothingWithoutTheMapping() throws Exception {
        String admin = tokens.token(SELF_MADE_ADMIN);
        assertThat(get("/api/referrals/anything", admin).status()).isEqualTo(403);
        assertThat(get("/api/analytics/outcomes", admin).status()).isEqualTo(403);
        assertThat(get("/engine-rest/deployment", admin).status()).isEqualTo(403);
        assertThat(get("/engine-rest/user", admin).status()).isEqualTo(403);
        String businessKey = "machine-admin-" + UUID.randomUUID();
        LiveApplication.Answer start = post("/engine-rest/process-definition/key/ers-referral/start", admin, Map.of(
                "businessKey", businessKey, "variables", Map.of(
                        "nhsNumber", Map.of("value", NHS_NUMBER, "type", "String"),
                        "priority", Map.of("value", "ROUTINE", "type", "String"),
                        "specialty", Map.of("value", "CARDIOLOGY", "type", "String"))));
        // The engine shows no definition to a caller of no group that may read it.
        assertThat(start.status()).as(start.body()).isEqualTo(404);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).count()).isZero();
    }

    @Test
    void tokensTheApplicationMustNotTrustAreRefused() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet valid = claims(GP_SYSTEM, tokens.issuer(), AUDIENCE, now.plusSeconds(300));
        assertThat(get("/api/referrals/unknown", tokens.sign(valid)).status())
                .as("a well-made token passes (and finds nothing)").isEqualTo(404);

        assertRefused(tokens.sign(claims(GP_SYSTEM, tokens.issuer(), AUDIENCE, now.minus(Duration.ofMinutes(10)))), "expired");
        assertRefused(tokens.token(OTHER_API_CLIENT), "a real token for another audience");
        RSAKey otherServersKey = otherKey();
        assertRefused(MachineTokenServer.sign(valid, otherServersKey), "signed by another server's key");
        assertRefused(tokens.sign(claims(GP_SYSTEM, "http://127.0.0.1:1/other-issuer", AUDIENCE, now.plusSeconds(300))),
                "of another issuer");
        String unsigned = Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(valid.toString()) + ".";
        assertRefused(unsigned, "alg=none");
        assertRefused(tokens.sign(new JWTClaimsSet.Builder(valid).expirationTime(null).build()), "without an expiry");
        assertRefused(tokens.sign(claims("admin", tokens.issuer(), AUDIENCE, now.plusSeconds(300))),
                "naming a user of the identity service (the demo admin)");
        assertRefused("not-a-jwt", "not a JWT at all");
    }

    @Test
    void basicAuthenticationStillWorksForDemoUsersInDemoMode() {
        assertThat(app.get("/api/referrals/unknown", "coordinator").status()).isEqualTo(404);
        assertThat(app.get("/api/analytics/outcomes", "coordinator").status()).isEqualTo(403);
        assertThat(app.get("/api/analytics/outcomes", "analyst").status()).isEqualTo(200);
    }

    private void assertRefused(String token, String what) {
        for (String path : new String[]{"/api/referrals/unknown", "/api/analytics/outcomes", "/engine-rest/task"}) {
            LiveApplication.Answer answer = get(path, token);
            assertThat(answer.status()).as(what + " on " + path + ": " + answer.body()).isEqualTo(401);
        }
    }

    private static JWTClaimsSet claims(String clientId, String issuer, String audience, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(clientId).audience(audience)
                .issueTime(Date.from(expiry.minus(Duration.ofMinutes(20)))).expirationTime(Date.from(expiry))
                .claim("scope", "referrals.write analytics.read").jwtID(UUID.randomUUID().toString()).build();
    }

    private static RSAKey otherKey() throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
    }

    private static Map<String, Object> startBody(String requestId) {
        return Map.of("requestId", requestId, "nhsNumber", NHS_NUMBER, "priority", "ROUTINE", "specialty", "CARDIOLOGY");
    }

    private LiveApplication.Answer get(String path, String token) {
        return app.send(request(path, token).GET().build());
    }

    private LiveApplication.Answer post(String path, String token, Object body) throws Exception {
        return app.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }
}
