package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's provider and patient events (reject, triage response, provider cancels, did not
 * attend, patient books, letter outstanding) change a referral in the shared application's simulator:
 * administrators only. Coordinators (of either organisation), analysts and callers without sign-in are refused before the
 * referral is looked at, and the referral stays as it was.
 */
class SimulatorReferralEventsAttackTest extends LiveReferralTest {

    private static final List<String> EVENTS = List.of("reject", "triage-response", "provider-cancels-appointment",
            "patient-cancels-appointment", "attachment-fails", "did-not-attend", "patient-books", "letter-outstanding");

    /** A referral at the indirectly bookable 51002, made over FHIR as the coordinator acting for the GP. */
    private String referral() {
        String body = """
                {"resourceType":"Parameters","parameter":[
                 {"name":"patient","valueIdentifier":{"system":"http://fhir.nhs.net/Id/nhs-number","value":"9912003888"}},
                 {"name":"referringClinician","valueIdentifier":{"system":"http://fhir.nhs.net/Id/sds-user-id","value":"%s"}},
                 {"name":"shortlist","resource":{"resourceType":"List","status":"current","mode":"snapshot",
                   "contained":[{"resourceType":"Parameters","id":"c","parameter":[
                     {"name":"priority","valueCoding":{"code":"ROUTINE"}},{"name":"specialty","valueCoding":{"code":"CARDIOLOGY"}}]}],
                   "entry":[{"item":{"identifier":{"system":"http://fhir.nhs.net/Id/ers-service","value":"51002"}}}]}}]}
                """.formatted(DemoUserErsAccessTest.SIMULATOR_GP);
        LiveApplication.Answer created = app.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/ers-sim/FHIR/STU3/ReferralRequest/$ers.createReferral"))
                .header("Authorization", "Bearer " + coordinatorErsToken())
                .header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN")
                .header("NHSD-End-User-Organisation-ODS", "R69")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private JsonNode stored(String ubrn) {
        for (JsonNode referral : app.get("/ers-sim/admin/referrals", "admin").json()) {
            if (referral.path("ubrn").asText().equals(ubrn)) {
                return referral;
            }
        }
        throw new AssertionError("no referral " + ubrn);
    }

    @Test
    void onlyAdministratorsPlayProviderAndPatientEvents() {
        String ubrn = referral();
        JsonNode before = stored(ubrn);
        for (String event : EVENTS) {
            String path = "/ers-sim/admin/referrals/" + ubrn + "/" + event;
            for (String user : List.of("coordinator", "coordinator-b", "analyst")) {
                LiveApplication.Answer refused = app.post(path, user, Map.of("comments", "from " + user));
                assertThat(refused.status()).as(user + " " + event + ": " + refused.body()).isEqualTo(403);
            }
            assertThat(app.post(path, null, Map.of()).status()).as("anonymous " + event).isEqualTo(401);
        }
        assertThat(stored(ubrn)).as("nothing changed").isEqualTo(before);

        LiveApplication.Answer booked = app.post("/ers-sim/admin/referrals/" + ubrn + "/patient-books", "admin", Map.of());
        assertThat(booked.status()).as(booked.body()).isEqualTo(200);
        assertThat(booked.json().path("status").asText()).isEqualTo("BOOKED");
        assertThat(booked.json().path("version").asInt()).isEqualTo(before.path("version").asInt() + 1);
    }
}
