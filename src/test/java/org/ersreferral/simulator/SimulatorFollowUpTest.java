package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Following a sent referral over real HTTP: the provider's and patient's events played through the
 * control API, and what the referrer then sees in A005, the worklists (A008), the actions (A029) and the
 * appointment (A038), and does with A031, A034 and A016.
 */
class SimulatorFollowUpTest extends SimulatorTestBase {

    private static final String STATE_URL = "https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-ReferralState-1";

    private String create(String priority, String... serviceIds) {
        SimulatorHttp.Result created = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral(priority, "CARDIOLOGY", List.of(serviceIds))).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private String firstFreeSlot(String serviceId) {
        return http.get("/STU3/Slot?schedule.actor:HealthcareService=" + serviceId + "&appointmentType=URGENT&status=free")
                .send().json().path("entry").path(0).path("resource").path("id").asText();
    }

    private SimulatorHttp.Result book(String ubrn, String serviceId) {
        return http.post("/STU3/Appointment").json(Requests.book(ubrn, version(ubrn), serviceId, firstFreeSlot(serviceId))).send();
    }

    private JsonNode read(String ubrn) {
        SimulatorHttp.Result read = http.get("/STU3/ReferralRequest/" + ubrn).send();
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        return read.json();
    }

    private int version(String ubrn) {
        return read(ubrn).path("meta").path("versionId").asInt();
    }

    private static JsonNode stateExtension(JsonNode referral, String part) {
        for (JsonNode extension : referral.path("extension")) {
            if (STATE_URL.equals(extension.path("url").asText())) {
                for (JsonNode sub : extension.path("extension")) {
                    if (part.equals(sub.path("url").asText())) {
                        return sub;
                    }
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private String appointmentId(String ubrn) {
        for (JsonNode extension : read(ubrn).path("extension")) {
            if (extension.path("url").asText().endsWith("Extension-eRS-Appointment-Reference-1")) {
                return extension.path("valueReference").path("reference").asText().replace("Appointment/", "");
            }
        }
        throw new AssertionError("referral " + ubrn + " has no appointment");
    }

    private JsonNode event(String ubrn, String event, String json) {
        SimulatorHttp.Result r = http.post("/ers-sim/admin/referrals/" + ubrn + "/" + event)
                .bytes("application/json", json.getBytes(StandardCharsets.UTF_8)).send();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private SimulatorHttp.Call worklistCall(String listType) {
        return http.post("/STU3/ReferralRequest/$ers.fetchworklist").json("""
                {"resourceType":"Parameters","parameter":[{"name":"listType","valueCodeableConcept":{"coding":[
                 {"system":"https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralListSelector-1","code":"%s"}]}}]}
                """.formatted(listType));
    }

    /** ubrn → the worklist item's sub-extensions, by url. */
    private java.util.Map<String, java.util.Map<String, JsonNode>> worklist(SimulatorHttp.Call call) {
        SimulatorHttp.Result r = call.send();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("resourceType").asText()).isEqualTo("List");
        java.util.Map<String, java.util.Map<String, JsonNode>> items = new java.util.LinkedHashMap<>();
        for (JsonNode entry : r.json().path("entry")) {
            java.util.Map<String, JsonNode> parts = new java.util.LinkedHashMap<>();
            entry.path("extension").path(0).path("extension").forEach(e -> parts.put(e.path("url").asText(), e));
            items.put(entry.path("item").path("reference").asText().replace("ReferralRequest/", ""), parts);
        }
        return items;
    }

    private List<String> actions(String ubrn, int version) {
        SimulatorHttp.Result r = http.get("/STU3/Task?focus=ReferralRequest/" + ubrn + "/_history/" + version
                + "&intent=proposal&status=ready").send();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        r.json().path("entry").forEach(e -> codes.add(e.path("resource").path("code").path("coding").path(0).path("code").asText()));
        return codes;
    }

    private static String code(JsonNode part) {
        return part.path("valueCodeableConcept").path("coding").path(0).path("code").asText();
    }

    @Test
    void rejectedReferralIsListedForItsOrganisationOnlyThenGetsANewShortlistAndIsBooked() {
        String ubrn = create("URGENT", "11000");
        assertThat(book(ubrn, "11000").status()).isEqualTo(201);
        assertThat(http.get("/ers-sim/admin/services").send().text()).contains("\"freeSlots\":29");

        JsonNode rejected = event(ubrn, "reject", "{\"reason\":\"FURTHER_INFORMATION_REQUIRED\",\"comments\":\"Please add the ECG\"}");
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("version").asInt()).isEqualTo(3);
        JsonNode referral = read(ubrn);
        assertThat(stateExtension(referral, "state").path("valueCoding").path("code").asText()).isEqualTo("REJECTED");
        assertThat(stateExtension(referral, "reason").path("valueCoding").path("code").asText()).isEqualTo("FURTHER_INFORMATION_REQUIRED");
        assertThat(stateExtension(referral, "reason").path("valueCoding").path("system").asText())
                .isEqualTo(http.base() + "/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON");
        assertThat(stateExtension(referral, "comments").path("valueString").asText()).isEqualTo("Please add the ECG");

        var items = worklist(worklistCall("REJECTED_TRIAGE_RESPONSE"));
        assertThat(items).containsOnlyKeys(ubrn);
        assertThat(code(items.get(ubrn).get("status"))).isEqualTo("REJECTED");
        assertThat(code(items.get(ubrn).get("reason"))).isEqualTo("FURTHER_INFORMATION_REQUIRED");
        assertThat(items.get(ubrn).get("referralLastUpdated").path("valueDateTime").asText()).isNotBlank();
        assertThat(items.get(ubrn).get("patient").path("valueReference").path("identifier").path("value").asText())
                .isEqualTo(Requests.NHS_NUMBER);
        assertThat(worklist(worklistCall("AWAITING_BOOKING"))).doesNotContainKey(ubrn);
        // the same user acting for another organisation, and another organisation's coordinator, see none of it
        assertThat(worklist(worklistCall("REJECTED_TRIAGE_RESPONSE").header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN")
                .header("NHSD-End-User-Organisation-ODS", "RXB"))).isEmpty();
        assertThat(worklist(worklistCall("REJECTED_TRIAGE_RESPONSE").header("Authorization", "Bearer " + userToken("coordinator-b"))
                .header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN").header("NHSD-End-User-Organisation-ODS", "RXB")))
                .isEmpty();

        assertThat(actions(ubrn, 3)).containsExactly("CHANGE_SHORTLIST", "CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE", "CANCEL_REFERRAL");
        SimulatorHttp.Result stale = http.get("/STU3/Task?focus=ReferralRequest/" + ubrn + "/_history/2&intent=proposal&status=ready").send();
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().path("issue").path(0).path("details").path("coding").path(0).path("code").asText())
                .isEqualTo("HISTORY_NOT_SUPPORTED");
        SimulatorHttp.Result notYet = book(ubrn, "11000");
        assertThat(notYet.status()).isEqualTo(422);
        assertThat(notYet.diagnostics()).contains("change its shortlist first");

        String newShortlist = Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11002"));
        SimulatorHttp.Call change = http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.changeShortlist").json(newShortlist);
        assertThat(change.header("If-Match", null).send().status()).isEqualTo(412);
        assertThat(change.header("If-Match", "W/\"2\"").send().status()).isEqualTo(409);
        SimulatorHttp.Result changed = change.header("If-Match", "W/\"3\"").send();
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("W/\"4\"");
        assertThat(stateExtension(changed.json(), "state").path("valueCoding").path("code").asText()).isEqualTo("NOT_BOOKED");
        assertThat(changed.json().path("contained").path(1).path("entry").path(0).path("item").path("identifier").path("value").asText())
                .isEqualTo("11002");
        assertThat(worklist(worklistCall("REJECTED_TRIAGE_RESPONSE"))).isEmpty();
        assertThat(actions(ubrn, 4)).contains("CREATE_APPOINTMENT", "CANCEL_REFERRAL");

        assertThat(book(ubrn, "11002").status()).isEqualTo(201);
        assertThat(stateExtension(read(ubrn), "state").path("valueCoding").path("code").asText()).isEqualTo("BOOKED");
        assertThat(actions(ubrn, 5)).containsExactly("CANCEL_DIRECTLY_BOOKED_APPOINTMENT", "CANCEL_REFERRAL");
    }

    @Test
    void anotherOrganisationCannotReadTheReferralItsActionsOrItsAppointment() {
        String ubrn = create("URGENT", "11000");
        assertThat(book(ubrn, "11000").status()).isEqualTo(201);
        String appointment = appointmentId(ubrn);
        String tasks = "/STU3/Task?focus=ReferralRequest/" + ubrn + "/_history/2&intent=proposal&status=ready";
        List<String> reads = List.of("/STU3/ReferralRequest/" + ubrn, "/STU3/ReferralRequest/" + ubrn + "/_history/2", tasks,
                "/STU3/Appointment/" + appointment, "/STU3/Appointment/" + appointment + "/_history/1");
        for (String path : reads) {
            assertThat(http.get(path).send().status()).as("own organisation " + path).isEqualTo(200);
            // the same GP acting for their other organisation, and that organisation's coordinator
            List<SimulatorHttp.Result> refused = List.of(
                    http.get(path).header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN")
                            .header("NHSD-End-User-Organisation-ODS", "RXB").send(),
                    http.get(path).header("Authorization", "Bearer " + userToken("coordinator-b"))
                            .header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN")
                            .header("NHSD-End-User-Organisation-ODS", "RXB").send());
            for (SimulatorHttp.Result answer : refused) {
                assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(403);
                assertThat(answer.json().path("issue").path(0).path("details").path("coding").path(0).path("code").asText())
                        .isEqualTo("FORBIDDEN");
                // nothing of the referral: no patient, no state
                assertThat(answer.text()).doesNotContain(Requests.NHS_NUMBER).doesNotContain("BOOKED");
            }
        }
    }

    /** One write on an existing referral, made for the referral it is given; {@code booked}: on a booked referral. */
    private record Write(String operation, boolean booked, Function<String, SimulatorHttp.Call> on) {
    }

    /** Each operation that acts on an existing referral, as a request its own organisation may make at the referral's version. */
    private List<Write> writes() {
        String appointmentCancelled = "{\"resourceType\":\"Appointment\",\"status\":\"cancelled\","
                + "\"reason\":[{\"coding\":[{\"code\":\"PATIENT_ILL\"}]}]}";
        return List.of(
                new Write("A012", false, ubrn -> http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter")
                        .header("If-Match", "W/\"1\"").json(Requests.letter(upload(ubrn).header("Location")))),
                new Write("A019", false, ubrn -> http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.generatePatientLetter")),
                new Write("A019", true, ubrn -> http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.generatePatientLetter")),
                new Write("A020", false, this::uploadCall),
                new Write("A031", false, ubrn -> http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.changeShortlist")
                        .header("If-Match", "W/\"1\"").json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11002")))),
                new Write("A032", false, ubrn -> http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.changeShortlistAndSendForTriage")
                        .header("If-Match", "W/\"1\"").json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("50001")))),
                new Write("A016 book", false, ubrn -> http.post("/STU3/Appointment")
                        .json(Requests.book(ubrn, 1, "11000", firstFreeSlot("11000")))),
                new Write("A016 defer", false, ubrn -> http.post("/STU3/Appointment")
                        .json(Requests.defer(ubrn, 1, "11000", "BOOKING_ATTEMPT_PROBLEM"))),
                new Write("A034", true, ubrn -> http.call("PUT", "/STU3/Appointment/" + appointmentId(ubrn))
                        .header("If-Match", "W/\"1\"").json(appointmentCancelled)),
                new Write("A036", false, ubrn -> http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral")
                        .header("If-Match", "W/\"1\"").json(Requests.cancel("NO_LONGER_REQUIRED", null))),
                new Write("A036", true, ubrn -> http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral")
                        .header("If-Match", "W/\"2\"").json(Requests.cancel("NO_LONGER_REQUIRED", null))));
    }

    private SimulatorHttp.Call uploadCall(String ubrn) {
        return http.post("/STU3/Binary").bytes("application/pdf", "%PDF-1.4 letter".getBytes())
                .header("NHSD-eRS-File-Name", "letter.pdf").header("NHSD-eRS-Referral-ID", ubrn);
    }

    /** A file its own organisation uploaded for the referral, ready to attach. */
    private SimulatorHttp.Result upload(String ubrn) {
        SimulatorHttp.Result upload = uploadCall(ubrn).send();
        assertThat(upload.status()).as(upload.text()).isEqualTo(201);
        return upload;
    }

    private JsonNode adminView(String ubrn) {
        for (JsonNode referral : http.get("/ers-sim/admin/referrals").send().json()) {
            if (ubrn.equals(referral.path("ubrn").asText())) {
                return referral;
            }
        }
        throw new AssertionError("no referral " + ubrn);
    }

    @Test
    void anotherOrganisationCannotChangeTheReferralItsLettersShortlistOrAppointment() {
        for (Write write : writes()) {
            String ubrn = create("URGENT", "11000");
            if (write.booked()) {
                assertThat(book(ubrn, "11000").status()).isEqualTo(201);
            }
            JsonNode before = adminView(ubrn);
            String servicesBefore = http.get("/ers-sim/admin/services").send().text();
            // the same GP acting for their other organisation, and that organisation's coordinator
            List<SimulatorHttp.Result> refused = List.of(
                    write.on().apply(ubrn).header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN")
                            .header("NHSD-End-User-Organisation-ODS", "RXB").send(),
                    write.on().apply(ubrn).header("Authorization", "Bearer " + userToken("coordinator-b"))
                            .header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN")
                            .header("NHSD-End-User-Organisation-ODS", "RXB").send());
            for (SimulatorHttp.Result answer : refused) {
                assertThat(answer.status()).as(write.operation() + ": " + answer.text()).isEqualTo(403);
                assertThat(answer.json().path("issue").path(0).path("details").path("coding").path(0).path("code").asText())
                        .isEqualTo("FORBIDDEN");
                assertThat(answer.diagnostics()).contains("is not a referral of organisation RXB");
                // nothing of the referral: no patient, no state, no letter
                assertThat(answer.text()).as(write.operation()).doesNotContain(Requests.NHS_NUMBER).doesNotContain("BOOKED")
                        .doesNotContain("%PDF");
            }
            assertThat(adminView(ubrn)).as(write.operation() + ": state, version, shortlist, letters and appointment")
                    .isEqualTo(before);
            assertThat(http.get("/ers-sim/admin/services").send().text()).as(write.operation() + ": slots").isEqualTo(servicesBefore);
            // the very request is one the referral's own organisation may make
            SimulatorHttp.Result own = write.on().apply(ubrn).send();
            assertThat(own.status()).as("own organisation " + write.operation() + ": " + own.text()).isBetween(200, 201);
        }
    }

    @Test
    void providerCancelsTheAppointmentAndA038ShowsItCancelledThenItIsRebooked() {
        String ubrn = create("URGENT", "11000");
        assertThat(book(ubrn, "11000").status()).isEqualTo(201);
        String appointment = appointmentId(ubrn);
        SimulatorHttp.Result booked = http.get("/STU3/Appointment/" + appointment).send();
        assertThat(booked.status()).as(booked.text()).isEqualTo(200);
        assertThat(booked.json().path("status").asText()).isEqualTo("booked");
        assertThat(booked.header("ETag")).isEqualTo("W/\"1\"");

        event(ubrn, "provider-cancels-appointment", "{\"reason\":\"CLINIC_CANCELLED\"}");
        SimulatorHttp.Result cancelled = http.get("/STU3/Appointment/" + appointment).send();
        assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().path("meta").path("versionId").asText()).isEqualTo("2");
        assertThat(cancelled.json().path("reason").path(0).path("coding").path(0).path("code").asText()).isEqualTo("CLINIC_CANCELLED");
        assertThat(cancelled.json().path("incomingReferral").path(0).path("reference").asText())
                .isEqualTo("ReferralRequest/" + ubrn + "/_history/3");
        assertThat(http.get("/STU3/Appointment/" + appointment + "/_history/1").send().status()).isEqualTo(404);
        assertThat(stateExtension(read(ubrn), "state").path("valueCoding").path("code").asText()).isEqualTo("APPT_CANCELLED_BY_PROVIDER");
        var awaiting = worklist(worklistCall("AWAITING_BOOKING"));
        assertThat(code(awaiting.get(ubrn).get("status"))).as("the worklist's own spelling").isEqualTo("APP_CANCELLED_BY_PROVIDER");
        assertThat(actions(ubrn, 3)).contains("CREATE_APPOINTMENT", "CHANGE_SHORTLIST").doesNotContain("CANCEL_DIRECTLY_BOOKED_APPOINTMENT");
        assertThat(book(ubrn, "11000").status()).isEqualTo(201);
        assertThat(appointmentId(ubrn)).isNotEqualTo(appointment);
    }

    @Test
    void thePatientCancelsTheirAppointmentWithAPatientsReasonAndItIsListedToRebook() {
        String ubrn = create("URGENT", "11000");
        assertThat(book(ubrn, "11000").status()).isEqualTo(201);
        SimulatorHttp.Result providersReason = http.post("/ers-sim/admin/referrals/" + ubrn + "/patient-cancels-appointment")
                .bytes("application/json", "{\"reason\":\"CLINIC_CANCELLED\"}".getBytes(StandardCharsets.UTF_8)).send();
        assertThat(providersReason.status()).as("a provider's reason is not the patient's").isEqualTo(400);

        event(ubrn, "patient-cancels-appointment", "{}");

        assertThat(stateExtension(read(ubrn), "state").path("valueCoding").path("code").asText()).isEqualTo("APPT_CANCELLED_BY_PATIENT");
        assertThat(stateExtension(read(ubrn), "reason").path("valueCoding").path("code").asText()).isEqualTo("PATIENT_ILL");
        var awaiting = worklist(worklistCall("AWAITING_BOOKING"));
        assertThat(code(awaiting.get(ubrn).get("status"))).as("the worklist's own spelling").isEqualTo("APP_CANCELLED_BY_PATIENT");
        assertThat(actions(ubrn, 3)).contains("CREATE_APPOINTMENT");
    }

    @Test
    void referrerCancelsTheBookedAppointmentWithAReasonAndTheVersionOfTheAppointment() {
        String ubrn = create("URGENT", "11000");
        assertThat(book(ubrn, "11000").status()).isEqualTo(201);
        String appointment = appointmentId(ubrn);
        String body = http.get("/STU3/Appointment/" + appointment).send().text();
        SimulatorHttp.Call cancel = http.call("PUT", "/STU3/Appointment/" + appointment);

        String patientOther = body.replace("\"status\":\"booked\"", "\"status\":\"cancelled\",\"reason\":[{\"coding\":[{\"code\":"
                + "\"PATIENT_APPOINTMENT_CANCELLATION_OTHER\"}]}]");
        assertThat(cancel.json(patientOther).header("If-Match", null).send().status()).isEqualTo(412);
        assertThat(cancel.json(patientOther).header("If-Match", "W/\"7\"").send().status()).isEqualTo(409);
        SimulatorHttp.Result noComment = cancel.json(patientOther).header("If-Match", "W/\"1\"").send();
        assertThat(noComment.status()).isEqualTo(422);
        assertThat(noComment.diagnostics()).isEqualTo("'comment' is missing.");
        SimulatorHttp.Result providersReason = cancel.json(patientOther.replace("PATIENT_APPOINTMENT_CANCELLATION_OTHER", "CLINIC_CANCELLED")).send();
        assertThat(providersReason.status()).isEqualTo(422);
        assertThat(providersReason.diagnostics()).isEqualTo("'reason' The reason provided is not valid in this case");

        SimulatorHttp.Result ill = cancel.json(patientOther.replace("PATIENT_APPOINTMENT_CANCELLATION_OTHER", "PATIENT_ILL")).send();
        assertThat(ill.status()).as(ill.text()).isEqualTo(200);
        assertThat(ill.json().path("status").asText()).isEqualTo("cancelled");
        assertThat(ill.header("ETag")).isEqualTo("W/\"2\"");
        assertThat(stateExtension(read(ubrn), "state").path("valueCoding").path("code").asText()).isEqualTo("APPT_CANCELLED_BY_PATIENT");
        var awaiting = worklist(worklistCall("AWAITING_BOOKING"));
        assertThat(code(awaiting.get(ubrn).get("status"))).isEqualTo("APP_CANCELLED_BY_PATIENT");
        assertThat(code(awaiting.get(ubrn).get("reason"))).isEqualTo("PATIENT_ILL");
        assertThat(http.get("/ers-sim/admin/services").send().text()).as("the slot is free again").contains("\"freeSlots\":30");
        assertThat(cancel.json(patientOther.replace("PATIENT_APPOINTMENT_CANCELLATION_OTHER", "PATIENT_ILL"))
                .header("If-Match", "W/\"2\"").send().status()).as("only a booked appointment").isEqualTo(422);
    }

    @Test
    void didNotAttendIsListedForTheReferrer() {
        String ubrn = create("URGENT", "11000");
        assertThat(book(ubrn, "11000").status()).isEqualTo(201);
        assertThat(worklist(worklistCall("ASSESSMENT_RETURNED_CANCELLED_DNA"))).isEmpty();
        event(ubrn, "did-not-attend", "{\"reason\":\"PATIENT_FORGOT\"}");

        var items = worklist(worklistCall("ASSESSMENT_RETURNED_CANCELLED_DNA"));
        assertThat(code(items.get(ubrn).get("status"))).isEqualTo("DID_NOT_ATTEND");
        assertThat(stateExtension(read(ubrn), "state").path("valueCoding").path("code").asText()).isEqualTo("DID_NOT_ATTEND");
        assertThat(http.get("/STU3/Appointment/" + appointmentId(ubrn)).send().json().path("status").asText()).isEqualTo("noshow");
        assertThat(actions(ubrn, version(ubrn))).contains("CHANGE_SHORTLIST", "CANCEL_REFERRAL").doesNotContain("CREATE_APPOINTMENT");
    }

    @Test
    void triageReturnsTheReferralWithAdvice() {
        String ubrn = create("URGENT", "50001");
        assertThat(http.post("/STU3/Appointment").json(Requests.defer(ubrn, 1, "50001", "TRIAGE")).send().status()).isEqualTo(201);
        assertThat(code(worklist(worklistCall("AWAITING_BOOKING")).get(ubrn).get("status"))).isEqualTo("AWAITING_TRIAGE");
        event(ubrn, "triage-response", "{\"comments\":\"Start a statin and refer again if no better\"}");

        var items = worklist(worklistCall("REJECTED_TRIAGE_RESPONSE"));
        assertThat(code(items.get(ubrn).get("status"))).isEqualTo("TRIAGE_RESPONSE");
        JsonNode appointment = http.get("/STU3/Appointment/" + appointmentId(ubrn)).send().json();
        assertThat(appointment.path("status").asText()).isEqualTo("proposed");
        assertThat(appointment.path("reason").path(0).path("coding").path(0).path("code").asText()).isEqualTo("RETURN_TO_REFERRER_WITH_ADVICE");
        assertThat(appointment.path("comment").asText()).isEqualTo("Start a statin and refer again if no better");
        assertThat(stateExtension(read(ubrn), "comments").path("valueString").asText()).startsWith("Start a statin");
    }

    @Test
    void aReferralLeftForThePatientIsBookedByThePatient() {
        String ubrn = create("URGENT", "51002");
        assertThat(code(worklist(worklistCall("AWAITING_BOOKING")).get(ubrn).get("status"))).isEqualTo("NOT_BOOKED");
        JsonNode booked = event(ubrn, "patient-books", "{}");
        assertThat(booked.path("status").asText()).isEqualTo("BOOKED");
        assertThat(booked.path("appointment").path("serviceId").asText()).isEqualTo("51002");
        assertThat(worklist(worklistCall("AWAITING_BOOKING"))).doesNotContainKey(ubrn);
        JsonNode appointment = http.get("/STU3/Appointment/" + appointmentId(ubrn)).send().json();
        assertThat(appointment.path("status").asText()).isEqualTo("booked");
        assertThat(appointment.path("start").asText()).isNotBlank();
        assertThat(http.post("/ers-sim/admin/referrals/" + ubrn + "/patient-books").bytes("application/json", "{}".getBytes())
                .send().status()).as("booked already").isEqualTo(409);

        String direct = create("URGENT", "11000");
        assertThat(event(direct, "patient-books", "{\"serviceId\":\"11000\"}").path("appointment").path("slotId").asText()).isEqualTo("11000001");
    }

    @Test
    void lettersOutstandingUntilALetterIsAttached() {
        String ubrn = create("URGENT", "11000");
        assertThat(worklist(worklistCall("LETTERS_OUTSTANDING")).get(ubrn)).containsKeys("letterDue", "patient", "priority");
        SimulatorHttp.Result upload = http.post("/STU3/Binary").bytes("application/pdf", "%PDF-1.4 letter".getBytes())
                .header("NHSD-eRS-File-Name", "letter.pdf").header("NHSD-eRS-Referral-ID", ubrn).send();
        assertThat(http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter").header("If-Match", "W/\"1\"")
                .json(Requests.letter(upload.header("Location"))).send().status()).isEqualTo(200);
        assertThat(worklist(worklistCall("LETTERS_OUTSTANDING"))).isEmpty();
        assertThat(event(ubrn, "letter-outstanding", "{}").path("letterOutstanding").asBoolean()).isTrue();
        assertThat(worklist(worklistCall("LETTERS_OUTSTANDING"))).containsOnlyKeys(ubrn);
    }

    @Test
    void worklistRequestsOutsideAReferrersListsAreRefused() {
        assertThat(worklistCall("REFERRALS_FOR_REVIEW").send().status()).isEqualTo(403);
        assertThat(worklistCall("NO_SUCH_LIST").send().status()).isEqualTo(422);
        SimulatorHttp.Result filtered = http.post("/STU3/ReferralRequest/$ers.fetchworklist").json("""
                {"resourceType":"Parameters","parameter":[{"name":"listType","valueCodeableConcept":{"coding":[{"code":"AWAITING_BOOKING"}]}},
                 {"name":"specialty","valueCoding":{"code":"CARDIOLOGY"}}]}""").send();
        assertThat(filtered.status()).isEqualTo(422);
        assertThat(filtered.diagnostics()).contains("Filters");
    }

    @Test
    void applicationRestrictedTokensAndNoTokenAreRefusedOnTheFollowUpCalls() {
        String ubrn = create("URGENT", "11000");
        assertThat(book(ubrn, "11000").status()).isEqualTo(201);
        String appointment = appointmentId(ubrn);
        List<SimulatorHttp.Call> calls = List.of(
                worklistCall("AWAITING_BOOKING"),
                http.get("/STU3/Task?focus=ReferralRequest/" + ubrn + "/_history/2&intent=proposal&status=ready"),
                http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.changeShortlist").header("If-Match", "W/\"2\"")
                        .json(Requests.createReferral("URGENT", "CARDIOLOGY", List.of("11002"))),
                http.get("/STU3/Appointment/" + appointment),
                http.call("PUT", "/STU3/Appointment/" + appointment).header("If-Match", "W/\"1\"")
                        .json("{\"resourceType\":\"Appointment\",\"status\":\"cancelled\",\"reason\":[{\"coding\":[{\"code\":\"PATIENT_ILL\"}]}]}"));
        for (SimulatorHttp.Call call : calls) {
            SimulatorHttp.Result application = call.header("Authorization", "Bearer " + tokens.accessToken()).send();
            assertThat(application.status()).as(application.text()).isEqualTo(403);
            assertThat(application.text()).contains("NO_ACCESS").contains("user-restricted");
            assertThat(call.header("Authorization", null).send().status()).isEqualTo(401);
        }
        JsonNode unchanged = http.get("/ers-sim/admin/referrals").send().json().get(0);
        assertThat(unchanged.path("status").asText()).isEqualTo("BOOKED");
        assertThat(unchanged.path("version").asInt()).isEqualTo(2);
    }
}
