package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The referrer's flows through the simulator, over real HTTP. */
class SimulatorFlowTest extends SimulatorTestBase {

    private static final String STATE_URL = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-ReferralState-1";

    @Test
    void searchCreateUploadAttachBookLetterCancel() throws IOException {
        SimulatorHttp.Result search = http.post("/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient")
                .json(Requests.search("URGENT", "CARDIOLOGY", "HEART_FAILURE")).send();
        assertThat(search.status()).as(search.text()).isEqualTo(200);
        assertThat(search.text()).contains("\"11000\"", "DIRECTLY_BOOKABLE", "TRIAGE_REQUEST", "Forthright Cardiology Business Service")
                .doesNotContain("\"11002\"");

        SimulatorHttp.Result created = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11000", "11008"))).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String ubrn = created.json().path("id").asText();
        assertThat(ubrn).matches("\\d{12}").isEqualTo("000000070001");
        assertThat(created.header("ETag")).isEqualTo("W/\"1\"");
        assertThat(created.header("X-Request-ID")).isNotBlank();
        assertThat(state(created.json())).isEqualTo("NOT_BOOKED");

        SimulatorHttp.Result upload = http.post("/STU3/Binary").bytes("application/pdf", "%PDF-1.4 letter".getBytes())
                .header("NHSD-eRS-File-Name", "letter.pdf").header("NHSD-eRS-Referral-ID", ubrn).send();
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        String location = upload.header("Location");
        assertThat(location).matches("Binary/[0-9a-f-]{36}");

        SimulatorHttp.Result noIfMatch = http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter")
                .json(Requests.letter(location)).send();
        assertThat(noIfMatch.status()).isEqualTo(412);
        SimulatorHttp.Result stale = http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter")
                .header("If-Match", "W/\"7\"").json(Requests.letter(location)).send();
        assertThat(stale.status()).isEqualTo(409);
        SimulatorHttp.Result attached = http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter")
                .header("If-Match", "W/\"1\"").json(Requests.letter(location)).send();
        assertThat(attached.status()).as(attached.text()).isEqualTo(200);
        assertThat(attached.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(attached.json().path("supportingInfo")).hasSize(1);

        SimulatorHttp.Result slots = http.get("/STU3/Slot?schedule.actor:HealthcareService=11000&appointmentType=URGENT"
                + "&status=free&_count=5&page=1&_include=Slot:schedule").send();
        assertThat(slots.status()).as(slots.text()).isEqualTo(200);
        assertThat(slots.json().path("total").asInt()).isEqualTo(30);
        List<JsonNode> entries = new ArrayList<>();
        slots.json().path("entry").forEach(entries::add);
        assertThat(entries).hasSize(6);
        assertThat(entries.get(5).path("resource").path("resourceType").asText()).isEqualTo("Schedule");
        String slotId = entries.get(0).path("resource").path("id").asText();
        assertThat(slotId).isEqualTo("11000001");

        SimulatorHttp.Result booked = http.post("/STU3/Appointment").json(Requests.book(ubrn, 2, "11000", slotId)).send();
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        assertThat(booked.json().path("status").asText()).isEqualTo("booked");
        assertThat(booked.json().path("incomingReferral").path(0).path("reference").asText())
                .isEqualTo("ReferralRequest/" + ubrn + "/_history/3");

        SimulatorHttp.Result after = http.get("/STU3/Slot?schedule.actor:HealthcareService=11000&appointmentType=URGENT&status=free").send();
        assertThat(after.json().path("total").asInt()).isEqualTo(29);
        assertThat(after.text()).doesNotContain("\"11000001\"");

        String other = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11000"))).send().json().path("id").asText();
        SimulatorHttp.Result taken = http.post("/STU3/Appointment").json(Requests.book(other, 1, "11000", slotId)).send();
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(taken.diagnostics()).contains("no longer available");

        SimulatorHttp.Result read = http.get("/STU3/ReferralRequest/" + ubrn).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(state(read.json())).isEqualTo("BOOKED");
        assertThat(read.json().path("meta").path("versionId").asText()).isEqualTo("3");
        assertThat(http.get("/STU3/ReferralRequest/" + ubrn + "/_history/3").send().status()).isEqualTo(200);
        assertThat(http.get("/STU3/ReferralRequest/" + ubrn + "/_history/1").send().status()).isEqualTo(404);
        JsonNode admin = http.get("/ers-sim/admin/referrals").send().json().get(0);
        assertThat(admin.path("appointment").path("slotId").asText()).isEqualTo(slotId);
        assertThat(admin.path("appointment").path("status").asText()).isEqualTo("booked");
        assertThat(admin.path("attachmentCount").asInt()).isEqualTo(1);

        assertThat(letterText(ubrn)).contains("Your appointment has been booked for").contains("Forthright Cardiology Business Service");

        SimulatorHttp.Result cancelled = http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral")
                .header("If-Match", "W/\"3\"").json(Requests.cancel("NO_LONGER_REQUIRED", null)).send();
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        JsonNode updated = cancelled.json().path("parameter").path(0).path("resource");
        assertThat(updated.path("status").asText()).isEqualTo("cancelled");
        assertThat(state(updated)).isEqualTo("CANCELLED_REFERRAL");
        assertThat(cancelled.json().path("parameter").path(1).path("resource").path("status").asText()).isEqualTo("cancelled");
        // The cancelled booking's slot is free again.
        assertThat(http.get("/STU3/Slot?schedule.actor:HealthcareService=11000&appointmentType=URGENT&status=free").send()
                .json().path("total").asInt()).isEqualTo(30);

        SimulatorHttp.Result again = http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral")
                .header("If-Match", "W/\"4\"").json(Requests.cancel("NO_LONGER_REQUIRED", null)).send();
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.diagnostics()).contains("cancelled");
    }

    @Test
    void concurrentBookingsOfOneSlotLetOnlyOneWin() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 3; round++) {
                String slotId = "11000" + String.format("%03d", round);
                String a = http.post("/STU3/ReferralRequest/$ers.createReferral")
                        .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11000"))).send().json().path("id").asText();
                String b = http.post("/STU3/ReferralRequest/$ers.createReferral")
                        .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11000"))).send().json().path("id").asText();
                var first = pool.submit(() -> http.post("/STU3/Appointment").json(Requests.book(a, 1, "11000", slotId)).send().status());
                var second = pool.submit(() -> http.post("/STU3/Appointment").json(Requests.book(b, 1, "11000", slotId)).send().status());
                assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(201, 409);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void percentEncodedDollarReachesTheOperation() {
        SimulatorHttp.Result created = http.post("/STU3/ReferralRequest/%24ers.createReferral")
                .json(Requests.createReferral("ROUTINE", "DERMATOLOGY", List.of("21000"))).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    @Test
    void triageByCreateAndSend() throws IOException {
        SimulatorHttp.Result created = http.post("/STU3/ReferralRequest/$ers.createReferralAndSendForTriage")
                .json(Requests.createReferral("ROUTINE", "CARDIOLOGY", List.of("11004"))).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(state(created.json())).isEqualTo("AWAITING_TRIAGE");
        assertThat(created.text()).contains("\"#appointment\"", "\"TRIAGE\"");
        String ubrn = created.json().path("id").asText();
        assertThat(letterText(ubrn)).contains("Your referral has been sent to Cardiology Referral Assessment Service for review");

        SimulatorHttp.Result notTriage = http.post("/STU3/ReferralRequest/$ers.createReferralAndSendForTriage")
                .json(Requests.createReferral("ROUTINE", "CARDIOLOGY", List.of("11000"))).send();
        assertThat(notTriage.status()).isEqualTo(422);
        assertThat(notTriage.diagnostics()).contains("not a referral assessment");
    }

    @Test
    void triageByCreateThenSend() {
        SimulatorHttp.Result created = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("50001"))).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String ubrn = created.json().path("id").asText();
        SimulatorHttp.Result sent = http.post("/STU3/Appointment").json(Requests.defer(ubrn, 1, "50001", "TRIAGE")).send();
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        assertThat(sent.json().path("status").asText()).isEqualTo("proposed");
        assertThat(state(http.get("/STU3/ReferralRequest/" + ubrn).send().json())).isEqualTo("AWAITING_TRIAGE");
    }

    @Test
    void deferralToProvider() throws IOException {
        String ubrn = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11021", "11000"))).send().json().path("id").asText();
        SimulatorHttp.Result slotsThere = http.post("/STU3/Appointment").json(Requests.defer(ubrn, 1, "11000", "NO_SLOTS_AT_SERVICE")).send();
        assertThat(slotsThere.status()).isEqualTo(422);
        assertThat(slotsThere.diagnostics()).contains("has free slots");

        SimulatorHttp.Result deferred = http.post("/STU3/Appointment").json(Requests.defer(ubrn, 1, "11021", "NO_SLOTS_AT_SERVICE")).send();
        assertThat(deferred.status()).as(deferred.text()).isEqualTo(201);
        JsonNode referral = http.get("/STU3/ReferralRequest/" + ubrn).send().json();
        assertThat(state(referral)).isEqualTo("DEFERRED_TO_PROVIDER");
        assertThat(letterText(ubrn)).contains("Your referral has been sent to Cardiology Business Service - No Slots");

        String second = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11000"))).send().json().path("id").asText();
        SimulatorHttp.Result problem = http.post("/STU3/Appointment").json(Requests.defer(second, 1, "11000", "BOOKING_ATTEMPT_PROBLEM")).send();
        assertThat(problem.status()).isEqualTo(201);
    }

    @Test
    void shortlistLetterBeforeBooking() throws IOException {
        String ubrn = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11000", "51002"))).send().json().path("id").asText();
        assertThat(letterText(ubrn)).contains("Please book your appointment").contains("Community Heart Failure Service");
    }

    @Test
    void shortlistRulesAreEnforced() {
        assertRefused(List.of(), "shortlist is empty");
        List<String> twentyOne = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twentyOne.add(String.valueOf(12000 + i));
        }
        twentyOne.add("11000");
        assertRefused(twentyOne, "at most 20");
        assertRefused(List.of("11000", "11004"), "must be the only service");
        assertRefused(List.of("99999"), "does not exist");
        assertRefused(List.of("21000"), "commissioned for DERMATOLOGY");

        SimulatorHttp.Result twenty = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("URGENT", "CARDIOLOGY", twentyOne.subList(0, 20))).send();
        assertThat(twenty.status()).as(twenty.text()).isEqualTo(201);

        SimulatorHttp.Result priority = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("TWO_WEEK_WAIT", "CARDIOLOGY", List.of("11000"))).send();
        assertThat(priority.status()).isEqualTo(422);
        assertThat(priority.diagnostics()).contains("does not accept TWO_WEEK_WAIT");
    }

    private void assertRefused(List<String> shortlist, String diagnostics) {
        SimulatorHttp.Result r = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral("URGENT", "CARDIOLOGY", shortlist)).send();
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(r.json().path("meta").path("profile").path(0).asText()).endsWith("eRS-OperationOutcome-1");
        assertThat(r.diagnostics()).contains(diagnostics);
    }

    @Test
    void unknownReferralIsNotFound() {
        SimulatorHttp.Result r = http.get("/STU3/ReferralRequest/000000999999").send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
    }

    @Test
    void uploadChecksTypeAndSize() {
        SimulatorHttp.Result exe = http.post("/STU3/Binary").bytes("application/x-msdownload", new byte[] {1})
                .header("NHSD-eRS-File-Name", "virus.exe").send();
        assertThat(exe.status()).isEqualTo(415);
        SimulatorHttp.Result big = http.post("/STU3/Binary").bytes("text/plain", new byte[5 * 1024 * 1024 + 1])
                .header("NHSD-eRS-File-Name", "big.txt").send();
        assertThat(big.status()).isEqualTo(422);
        assertThat(big.diagnostics()).contains("at most 5 MB");
        SimulatorHttp.Result noName = http.post("/STU3/Binary").bytes("text/plain", new byte[] {65}).send();
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.diagnostics()).contains("NHSD-eRS-File-Name");
    }

    @Test
    void codeSystemsCoverTheSeededServices() {
        for (String type : List.of("SPECIALTY", "CLINIC-TYPE", "PRIORITY", "REFERRAL-CANCELLATION-REASON")) {
            SimulatorHttp.Result r = http.get("/STU3/CodeSystem/" + type).send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("url").asText()).isEqualTo(http.base() + "/STU3/CodeSystem/" + type);
        }
        String specialties = http.get("/STU3/CodeSystem/SPECIALTY").send().text();
        String clinicTypes = http.get("/STU3/CodeSystem/CLINIC-TYPE").send().text();
        for (JsonNode service : http.get("/ers-sim/admin/services").send().json()) {
            assertThat(specialties).contains("\"" + service.path("specialty").asText() + "\"");
            assertThat(clinicTypes).contains("\"" + service.path("clinicType").asText() + "\"");
        }
        assertThat(http.get("/STU3/CodeSystem/NOPE").send().status()).isEqualTo(404);
    }

    private String letterText(String ubrn) throws IOException {
        SimulatorHttp.Result letter = http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.generatePatientLetter").send();
        assertThat(letter.status()).as(letter.text()).isEqualTo(200);
        assertThat(letter.header("Content-Type")).startsWith("application/pdf");
        assertThat(letter.header("Content-Disposition")).contains(ubrn);
        try (PDDocument pdf = Loader.loadPDF(letter.body())) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    static String state(JsonNode referral) {
        for (JsonNode ext : referral.path("extension")) {
            if (STATE_URL.equals(ext.path("url").asText())) {
                return ext.path("extension").path(0).path("valueCoding").path("code").asText();
            }
        }
        return null;
    }
}
