package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code /actuator} attacked over real HTTP: only the liveness and readiness probes answer without an
 * account, and with a status only; metrics and full health answer the monitoring credential and
 * {@code camunda-admin} only; endpoints that were not chosen are not there; and the edge filters
 * (plain paths only) stand in front of {@code /actuator} as of everything else.
 */
// Spring Boot tests leave metrics export off unless asked: the Prometheus endpoint is what is under test.
@ApplicationTest
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:actuator-attack;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        // The monitoring user's refusals below count in the sign-in throttle too; they must not lock its valid use out.
        "referral.security.login.max-failures=20",
        "referral.monitoring.user-id=" + ActuatorAttackTest.MONITORING_USER,
        "referral.monitoring.password=" + ActuatorAttackTest.MONITORING_PASSWORD})
class ActuatorAttackTest {

    static final int PORT = LiveApplication.freePort();
    static final String MONITORING_USER = "prometheus";
    static final String MONITORING_PASSWORD = "scrape-secret-for-tests";

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    final RawHttp raw = new RawHttp(PORT);

    @Test
    void probesAreOpenAndSayNothingButTheirStatus() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            for (String user : new String[] {null, "coordinator", "admin"}) {
                RawHttp.Reply reply = raw.get(probe, user);
                assertThat(reply.status()).as(probe + " as " + user + ": " + reply).isEqualTo(200);
                assertThat(reply.body()).as(probe + " as " + user).isEqualTo("{\"status\":\"UP\"}");
            }
        }
    }

    @Test
    void metricsAndFullHealthAreRefusedToAnonymousCallersAndToOtherGroups() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/db", "/actuator/health/engine",
                "/actuator", "/actuator/health/liveness/", "/actuator/health/readiness/db")) {
            RawHttp.Reply anonymous = raw.get(path, null);
            assertThat(anonymous.status()).as(path + ": " + anonymous).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).as(path).startsWith("Basic");
            assertThat(anonymous.body()).as(path).doesNotContain("UP").doesNotContain("ers_calls").doesNotContain("camunda-admin");
            for (String user : List.of("coordinator", "analyst", "coordinator-b")) {
                RawHttp.Reply other = raw.get(path, user);
                assertThat(other.status()).as(path + " as " + user + ": " + other).isEqualTo(403);
                assertThat(other.body()).as(path + " as " + user).contains("You may not do this").doesNotContain("UP")
                        .doesNotContain("ers_calls").doesNotContain("camunda-admin");
            }
        }
    }

    @Test
    void aWrongMonitoringPasswordIsRefusedAndTheMonitoringCredentialSignsInNowhereElse() {
        RawHttp.Reply wrong = raw.send("GET", "/actuator/prometheus", null,
                Map.of("Authorization", basic(MONITORING_USER, "not-the-password"), "Accept", "text/plain"), null);
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("ers_calls");

        String monitoring = basic(MONITORING_USER, MONITORING_PASSWORD);
        for (String elsewhere : List.of("/api/referrals/any", "/api/analytics/outcomes", "/engine-rest/task", "/ers-sim/admin/calls")) {
            RawHttp.Reply reply = raw.send("GET", elsewhere, null, Map.of("Authorization", monitoring), null);
            assertThat(reply.status()).as(elsewhere + ": " + reply).isEqualTo(401);
        }
    }

    @Test
    void theMonitoringCredentialAndAdministratorsReadMetricsAndFullHealth() {
        for (String credential : List.of(basic(MONITORING_USER, MONITORING_PASSWORD), basic("admin", LiveApplication.PASSWORD))) {
            // Prometheus asks for its text format; RawHttp's own Accept (JSON) then ranks below it.
            Map<String, String> who = Map.of("Authorization", credential);
            RawHttp.Reply metrics = raw.send("GET", "/actuator/prometheus", null,
                    Map.of("Authorization", credential, "Accept", "text/plain;version=0.0.4;q=1"), null);
            assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            assertThat(metrics.body()).contains("referral_jobs_due").contains("referral_incidents_open")
                    .contains("referral_user_tasks_open{").contains("hikaricp_connections_active{");

            RawHttp.Reply health = raw.send("GET", "/actuator/health", null, who, null);
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(health.body()).contains("\"db\"").contains("\"engine\"").contains("\"jobExecutor\"")
                    .contains("\"livenessState\"").contains("\"readinessState\"");
        }
    }

    @Test
    void onlyTheChosenEndpointsAreThere() {
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
                "/actuator/threaddump", "/actuator/loggers", "/actuator/metrics", "/actuator/mappings", "/actuator/info",
                "/actuator/scheduledtasks", "/actuator/conditions", "/actuator/shutdown")) {
            RawHttp.Reply reply = raw.get(path, "admin");
            assertThat(reply.status()).as(path + ": " + reply).isEqualTo(404);
        }
        RawHttp.Reply shutdown = raw.send("POST", "/actuator/shutdown", "admin", Map.of(), "{}");
        assertThat(shutdown.status()).as(shutdown.toString()).isIn(403, 404, 405);
    }

    @Test
    void pathSpellingsThatAreNotPlainAreRefusedAtTheEdge() {
        for (String trick : List.of("/actuator/%70rometheus", "/actuator;x/prometheus", "/actuator//prometheus",
                "/actuator/./prometheus", "/actuator/health/liveness/../../prometheus", "/actuator/health/liveness;x",
                "/actuator/health/liveness/..;/..;/prometheus", "/Actuator/prometheus", "/ACTUATOR/health",
                "//actuator/prometheus", "/x/../actuator/prometheus")) {
            for (String user : new String[] {null, "coordinator"}) {
                RawHttp.Reply reply = raw.get(trick, user);
                assertThat(reply.status()).as(trick + " as " + user + ": " + reply).isEqualTo(400);
                assertThat(reply.body()).as(trick).contains("The path must be plain").doesNotContain("ers_calls")
                        .doesNotContain("\"components\"");
            }
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
