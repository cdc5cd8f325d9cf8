package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The archived professional session over HTTP against a stand-in e-RS: A001, A002, the session headers, 401, A003. */
class ProfessionalSessionsTest extends ErsClientTestSupport {

    static final String SESSIONS = "/ers-api/v1/ProfessionalSession";
    static final String OUTCOME_401 = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"login\",\"diagnostics\":\"Session has expired\"}]}";

    ProfessionalSessions sessions;

    @BeforeEach
    void sessionClient() {
        ErsProperties properties = sessionProperties();
        sessions = ProfessionalSessions.fromProperties(properties, ErsSessionStore.NONE);
        client = FeignErsClient.create(properties, FHIR, sessions, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    ErsProperties sessionProperties() {
        return new ErsProperties(server.baseUrl(), "R69", "REFERRING_CLINICIAN", null,
                ErsProperties.TRIAGE_CREATE_THEN_SEND, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofHours(1), 20, 3,
                new ErsProperties.Auth("professional-session", "smartcard-token", null, null, null, null, null,
                        "200000000001", server.baseUrl() + "/ers-api/v1"));
    }

    static ErsTestServer.Reply json(int status, String body) {
        return new ErsTestServer.Reply(status, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), 0);
    }

    static String session(String id, String... permissions) {
        return "{\"id\":\"" + id + "\",\"typeInfo\":\"" + ProfessionalSessions.TYPE_INFO + "\",\"user\":{\"identifier\":\"000000000101\","
                + "\"permissions\":[" + String.join(",", permissions) + "],\"permission\":null}}";
    }

    static String permission(String businessFunction, String ods) {
        return "{\"businessFunction\":\"" + businessFunction + "\",\"orgIdentifier\":\"" + ods + "\",\"orgName\":\"Practice " + ods + "\"}";
    }

    @Test
    void opensOneSessionPerReferralSendsOnlyItsHeadersAndEndsIt() {
        server.on("POST", SESSIONS, json(201, session("session-1", permission("SERVICE_PROVIDER_CLINICIAN", "R68"),
                permission("REFERRING_CLINICIAN", "R69"))));
        server.on("PUT", SESSIONS + "/session-1", json(200, "{}"));
        server.on("DELETE", SESSIONS + "/session-1", json(200, ""));
        serveCodeSystem("PRIORITY", "PriorityCodeSystem.json");
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");

        client.retrieveCodeSystem(CALL, "PRIORITY");
        client.retrieveCodeSystem(CALL, "SPECIALTY");

        ErsTestServer.Recorded created = server.only("POST", SESSIONS);
        assertThat(created.header("XAPI_ASID")).isEqualTo("200000000001");
        JsonAssert create = new JsonAssert(created.bodyText());
        assertThat(create.at("/typeInfo")).isEqualTo("uk.nhs.ers.xapi.dto.v1.session.ProfessionalSession");
        assertThat(create.at("/token/token")).isEqualTo("smartcard-token");
        JsonAssert select = new JsonAssert(server.only("PUT", SESSIONS + "/session-1").bodyText());
        assertThat(select.at("/permission/businessFunction")).isEqualTo("REFERRING_CLINICIAN");
        assertThat(select.at("/permission/orgIdentifier")).isEqualTo("R69");

        for (String type : new String[] {"PRIORITY", "SPECIALTY"}) {
            ErsTestServer.Recorded call = server.only("GET", "/STU3/CodeSystem/" + type);
            assertThat(call.header("HTTP_X_SESSION_KEY")).isEqualTo("session-1");
            assertThat(call.header("XAPI_ASID")).isEqualTo("200000000001");
            assertThat(call.header("Authorization")).isNull();
            assertThat(call.header("NHSD-eRS-On-Behalf-Of-User-ID")).isNull();
        }

        sessions.referralEnded(CALL.processInstanceId());
        sessions.referralEnded(CALL.processInstanceId());
        assertThat(server.only("DELETE", SESSIONS + "/session-1").header("HTTP_X_SESSION_KEY")).isEqualTo("session-1");
        assertThat(sessions.hasSession(CALL.processInstanceId())).isFalse();
    }

    @Test
    void aRefusedSessionIsDroppedAndTheNextCallOpensANewOne() {
        server.on("POST", SESSIONS, json(201, session("session-1", permission("REFERRING_CLINICIAN", "R69"))))
                .on("POST", SESSIONS, json(201, session("session-2", permission("REFERRING_CLINICIAN", "R69"))));
        server.on("PUT", SESSIONS + "/session-1", json(200, "{}")).on("PUT", SESSIONS + "/session-2", json(200, "{}"));
        server.onFhir("GET", "/STU3/CodeSystem/PRIORITY", 401, OUTCOME_401);
        serveCodeSystem("PRIORITY", "PriorityCodeSystem.json");

        assertThatThrownBy(() -> client.retrieveCodeSystem(CALL, "PRIORITY")).isInstanceOf(ErsException.Unauthorised.class);
        assertThat(sessions.hasSession(CALL.processInstanceId())).isFalse();
        client.retrieveCodeSystem(CALL, "PRIORITY");

        assertThat(server.requests().stream().filter(r -> r.method().equals("POST")).count()).isEqualTo(2);
        assertThat(server.requests().get(server.requests().size() - 1).header("HTTP_X_SESSION_KEY")).isEqualTo("session-2");
    }

    @Test
    void withoutTheConfiguredRoleTheSessionIsEndedAndTheCallRejected() {
        server.on("POST", SESSIONS, json(201, session("session-1", permission("REFERRING_CLINICIAN", "R68"))));
        server.on("DELETE", SESSIONS + "/session-1", json(200, ""));

        assertThatThrownBy(() -> client.retrieveCodeSystem(CALL, "PRIORITY")).isInstanceOf(ErsException.Rejected.class)
                .hasMessageContaining("no REFERRING_CLINICIAN role at organisation R69").hasMessageContaining("R68");
        server.only("DELETE", SESSIONS + "/session-1");
        assertThat(server.requests()).noneMatch(r -> r.path().contains("CodeSystem"));
    }

    @Test
    void anotherNodeReusesTheStoredSessionAndEndsIt() {
        server.on("POST", SESSIONS, json(201, session("session-1", permission("REFERRING_CLINICIAN", "R69"))));
        server.on("PUT", SESSIONS + "/session-1", json(200, "{}"));
        server.on("DELETE", SESSIONS + "/session-1", json(200, ""));
        Map<String, String> variables = new java.util.concurrent.ConcurrentHashMap<>();
        ErsSessionStore store = new ErsSessionStore() {
            @Override
            public String find(String processInstanceId) {
                return variables.get(processInstanceId);
            }

            @Override
            public void save(String processInstanceId, String sessionId) {
                if (sessionId == null) {
                    variables.remove(processInstanceId);
                } else {
                    variables.put(processInstanceId, sessionId);
                }
            }
        };
        ProfessionalSessions nodeA = ProfessionalSessions.fromProperties(sessionProperties(), store);
        ProfessionalSessions nodeB = ProfessionalSessions.fromProperties(sessionProperties(), store);

        assertThat(nodeA.headers(CALL)).containsEntry("HTTP_X_SESSION_KEY", "session-1");
        assertThat(variables).containsEntry(CALL.processInstanceId(), "session-1");
        assertThat(nodeB.headers(CALL)).containsEntry("HTTP_X_SESSION_KEY", "session-1");
        Runnable release = nodeB.referralEnding(CALL.processInstanceId());
        assertThat(server.requests()).noneMatch(r -> r.method().equals("DELETE")); // only once committed
        release.run();

        server.only("POST", SESSIONS);
        server.only("DELETE", SESSIONS + "/session-1");
    }

    /** Minimal JSON pointer reads for request bodies. */
    record JsonAssert(String text) {
        String at(String pointer) {
            return ErsClientTestSupport.json(text).at(pointer).asText();
        }
    }
}
