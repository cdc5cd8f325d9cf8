package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** e-RS's checks before any business rule, fault injection, call counting and the control API. */
class SimulatorGateTest extends SimulatorTestBase {

    private static final String CREATE = "/STU3/ReferralRequest/$ers.createReferral";

    private SimulatorHttp.Call create() {
        return http.post(CREATE).json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11000")));
    }

    @Test
    void tokenIsRequired() {
        SimulatorHttp.Result none = create().header("Authorization", null).send();
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("issue").path(0).path("code").asText()).isEqualTo("login");
        assertThat(none.json().path("issue").path(0).path("details").path("coding").path(0).path("code").asText()).isEqualTo("NO_ACCESS");
        assertThat(create().header("Authorization", "Bearer wrong").send().status()).isEqualTo(401);
    }

    @Test
    void roleAndOrganisationAreChecked() {
        SimulatorHttp.Result provider = create().header("NHSD-eRS-Business-Function", "SERVICE_PROVIDER_CLINICIAN").send();
        assertThat(provider.status()).isEqualTo(403);
        assertThat(provider.json().path("issue").path(0).path("code").asText()).isEqualTo("forbidden");
        assertThat(provider.diagnostics()).contains("SERVICE_PROVIDER_CLINICIAN");
        assertThat(create().header("NHSD-eRS-Business-Function", null).send().status()).isEqualTo(403);
        assertThat(create().header("NHSD-End-User-Organisation-ODS", null).send().status()).isEqualTo(403);
        SimulatorHttp.Result obo = create().header("NHSD-eRS-On-Behalf-Of-User-ID", "021600556514").send();
        assertThat(obo.status()).isEqualTo(403);
        assertThat(obo.diagnostics()).contains("NHSD-eRS-On-Behalf-Of-User-ID");
        // the GP holds no admin role at R69: one who does
        SimulatorHttp.Result admin = create().header("Authorization", "Bearer " + userToken("coordinator"))
                .header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN").send();
        assertThat(admin.status()).isEqualTo(422);
        assertThat(admin.diagnostics()).contains("referringClinician");
        // Reference data also serves application-restricted callers, who send no role headers.
        assertThat(http.get("/STU3/CodeSystem/PRIORITY").header("NHSD-eRS-Business-Function", null)
                .header("NHSD-End-User-Organisation-ODS", null).send().status()).isEqualTo(200);
    }

    @Test
    void requestAndCorrelationIds() {
        SimulatorHttp.Result r = http.get("/STU3/CodeSystem/PRIORITY").header("X-Correlation-ID", "corr-1").send();
        assertThat(r.header("X-Correlation-ID")).isEqualTo("corr-1");
        assertThat(r.header("X-Request-ID")).isNotBlank();
        assertThat(r.header("Content-Type")).startsWith("application/fhir+json");
        SimulatorHttp.Result created = create().send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Disposition")).as("no reflected-download guard header on e-RS JSON").isNull();
    }

    @Test
    void rolesOfTheUser() {
        SimulatorHttp.Result r = http.get("/R4/PractitionerRole").header("NHSD-eRS-Business-Function", null).send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("resourceType").asText()).isEqualTo("Bundle");
        assertThat(r.text()).contains("REFERRING_CLINICIAN", "PractitionerRole-R69-");
    }

    @Test
    void faultsAnswerTheNextCallsThenStop() {
        arm("{\"operation\":\"A011\",\"status\":504,\"times\":2}");
        assertThat(create().send().status()).isEqualTo(504);
        SimulatorHttp.Result second = create().send();
        assertThat(second.status()).isEqualTo(504);
        assertThat(second.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(create().send().status()).isEqualTo(201);

        arm("{\"operation\":\"A016\",\"status\":429,\"times\":1,\"retryAfterSeconds\":7}");
        SimulatorHttp.Result limited = http.post("/STU3/Appointment").json("{}").send();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("7");

        arm("{\"operation\":\"A004\",\"status\":0,\"delayMs\":400}");
        long started = System.nanoTime();
        SimulatorHttp.Result slow = http.get("/STU3/CodeSystem/PRIORITY").send();
        assertThat(slow.status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(400);

        arm("{\"operation\":\"A005\",\"status\":503,\"times\":5}");
        assertThat(http.call("DELETE", "/ers-sim/admin/faults").send().status()).isEqualTo(204);
        assertThat(http.get("/STU3/ReferralRequest/000000070001").send().status()).isEqualTo(200);

        JsonNode calls = http.get("/ers-sim/admin/calls").send().json();
        assertThat(calls.path("A011").asInt()).isEqualTo(3);
        assertThat(calls.path("A016").asInt()).isEqualTo(1);
        assertThat(calls.path("A004").asInt()).isEqualTo(1);
        assertThat(calls.path("A005").asInt()).isEqualTo(1);
    }

    @Test
    void aResetCutsTheConnectionBeforeTheCallIsApplied() {
        arm("{\"operation\":\"A011\",\"reset\":true,\"times\":1}");
        long started = System.nanoTime();
        assertThatThrownBy(() -> create().send()).isInstanceOf(UncheckedIOException.class);
        assertThat((System.nanoTime() - started) / 1_000_000).as("cut at once, not left to time out").isLessThan(3000);
        assertThat(http.get("/ers-sim/admin/referrals").send().json()).as("nothing created").isEmpty();
        assertThat(create().send().status()).isEqualTo(201);
        assertThat(http.get("/ers-sim/admin/faults/injected").send().json().path("A011 reset").asInt()).isEqualTo(1);
    }

    @Test
    void aFaultAtARateHitsSomeCallsAndCountsThem() {
        arm("{\"operation\":\"A004\",\"status\":503,\"rate\":0.5,\"times\":1000}");
        int failed = 0;
        for (int i = 0; i < 60; i++) {
            failed += http.get("/STU3/CodeSystem/PRIORITY").send().status() == 503 ? 1 : 0;
        }
        // 60 calls at one in two: fewer than 10 or more than 50 hits is about one in 10^8
        assertThat(failed).isBetween(10, 50);
        assertThat(http.get("/ers-sim/admin/faults/injected").send().json().path("A004 503").asInt()).isEqualTo(failed);
        assertThat(http.get("/ers-sim/admin/faults").send().json().path("A004").path("times").asInt()).isEqualTo(1000 - failed);
    }

    @Test
    void faultsOutsideTheirBoundsAreRefused() {
        for (String fault : List.of("{\"operation\":\"A004\",\"status\":503,\"rate\":0}",
                "{\"operation\":\"A004\",\"status\":503,\"rate\":1.5}",
                "{\"operation\":\"A011\",\"status\":503,\"reset\":true}",
                "{\"operation\":\"TOKEN\",\"reset\":true}",
                "{\"operation\":\"A001\",\"reset\":true}",
                "{\"operation\":\"A011\",\"status\":503,\"times\":1000001}",
                "{\"operation\":\"A011\",\"delayMs\":120001}")) {
            SimulatorHttp.Result refused = http.post("/ers-sim/admin/faults").bytes("application/json", fault.getBytes()).send();
            assertThat(refused.status()).as(fault).isEqualTo(400);
        }
        assertThat(http.get("/ers-sim/admin/faults").send().json()).isEmpty();
    }

    private void arm(String fault) {
        SimulatorHttp.Result r = http.post("/ers-sim/admin/faults").bytes("application/json", fault.getBytes()).send();
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    @Test
    void controlApi() {
        JsonNode services = http.get("/ers-sim/admin/services").send().json();
        assertThat(services.size()).isGreaterThan(10);
        JsonNode s11000 = find(services, "11000");
        assertThat(s11000.path("freeSlots").asInt()).isEqualTo(30);
        assertThat(s11000.path("bookableType").asText()).isEqualTo("DIRECTLY_BOOKABLE");
        assertThat(find(services, "11021").path("freeSlots").asInt()).isZero();
        assertThat(find(services, "11004").path("triage").asBoolean()).isTrue();

        SimulatorHttp.Result none = http.call("PUT", "/ers-sim/admin/services/11000/free-slots")
                .bytes("application/json", "{\"count\":0}".getBytes()).send();
        assertThat(none.status()).as(none.text()).isEqualTo(200);
        assertThat(none.json().path("freeSlots").asInt()).isZero();
        SimulatorHttp.Result empty = http.get("/STU3/Slot?schedule.actor:HealthcareService=11000&appointmentType=ROUTINE&status=free").send();
        assertThat(empty.json().path("total").asInt()).isZero();
        assertThat(http.call("PUT", "/ers-sim/admin/services/11021/free-slots")
                .bytes("application/json", "{\"count\":4}".getBytes()).send().json().path("freeSlots").asInt()).isEqualTo(4);

        String ubrn = create().send().json().path("id").asText();
        JsonNode referrals = http.get("/ers-sim/admin/referrals").send().json();
        assertThat(referrals).hasSize(1);
        assertThat(referrals.get(0).path("ubrn").asText()).isEqualTo(ubrn);
        assertThat(referrals.get(0).path("status").asText()).isEqualTo("NOT_BOOKED");
        assertThat(referrals.get(0).path("shortlist").get(0).asText()).isEqualTo("11000");
        assertThat(referrals.get(0).path("attachmentCount").asInt()).isZero();
        assertThat(referrals.get(0).path("appointment").isNull()).isTrue();

        assertThat(http.post("/ers-sim/admin/reset").send().status()).isEqualTo(204);
        assertThat(http.get("/ers-sim/admin/referrals").send().json()).isEmpty();
        assertThat(find(http.get("/ers-sim/admin/services").send().json(), "11000").path("freeSlots").asInt()).isEqualTo(30);
        assertThat(http.get("/ers-sim/admin/calls").send().json()).isEmpty();
    }

    private static JsonNode find(JsonNode services, String id) {
        for (JsonNode s : services) {
            if (id.equals(s.path("id").asText())) {
                return s;
            }
        }
        throw new AssertionError("no service " + id);
    }
}
