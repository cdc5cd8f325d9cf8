package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.ersreferral.ers.ErsApiExamples;
import org.junit.jupiter.api.Test;

/**
 * Each official example request the simulator has the data for gets an answer shaped like the
 * official example response: same status, resourceType, meta.profile and meaning-carrying
 * extensions. Requests name UBRN 000000070000 and binaries that only exist in the sandbox; those
 * references are swapped for ones made in the test, and {@code _baseUrl_} for the simulator's URL.
 */
class OfficialExamplesTest extends SimulatorTestBase {

    private static final String EXAMPLE_UBRN = "000000070000";

    static void assertShape(SimulatorHttp.Result actual, int status, JsonNode expected, String... notModelled) {
        assertThat(actual.status()).as(actual.text()).isEqualTo(status);
        JsonNode json = actual.json();
        assertThat(json.path("resourceType").asText()).isEqualTo(expected.path("resourceType").asText());
        assertThat(json.path("meta").path("profile")).as("meta.profile").isEqualTo(expected.path("meta").path("profile"));
        Set<String> expectedUrls = extensionUrls(expected);
        for (String url : notModelled) {
            expectedUrls.remove("https://fhir.nhs.uk/STU3/StructureDefinition/" + url);
        }
        assertThat(extensionUrls(json)).as("extensions").isEqualTo(expectedUrls);
        assertThat(SimulatorFlowTest.state(json)).as("referral state").isEqualTo(SimulatorFlowTest.state(expected));
        assertThat(json.path("status").asText()).as("status").isEqualTo(expected.path("status").asText());
    }

    private static Set<String> extensionUrls(JsonNode resource) {
        Set<String> urls = new TreeSet<>();
        resource.path("extension").forEach(e -> urls.add(e.path("url").asText()));
        return urls;
    }

    private static List<Path> requests(String operation) {
        try (Stream<Path> files = Files.list(ErsApiExamples.example("stu3/" + operation + "/requests"))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String create(String request) {
        SimulatorHttp.Result r = http.post("/STU3/ReferralRequest/$ers.createReferral").json(example("createReferral/requests/" + request)).send();
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private String createWith(String serviceId, String priority) {
        SimulatorHttp.Result r = http.post("/STU3/ReferralRequest/$ers.createReferral")
                .json(Requests.createReferral(priority, "CARDIOLOGY", List.of(serviceId))
                        .replaceAll("\\{\"name\":\"eReferralPathwayStart\"[^}]*},", "")).send();
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private int version(String ubrn) {
        return http.get("/STU3/ReferralRequest/" + ubrn).send().json().path("meta").path("versionId").asInt();
    }

    private String upload(String ubrn) {
        SimulatorHttp.Result r = http.post("/STU3/Binary").bytes("text/plain", ErsApiExamples.readBytes("stu3/uploadFileToDocumentStore/requests/upload.txt"))
                .header("NHSD-eRS-File-Name", "upload.txt").header("NHSD-eRS-Referral-ID", ubrn).send();
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.header("Location")).startsWith("Binary/");
        return r.header("Location");
    }

    private SimulatorHttp.Result attach(String ubrn, String request, String... urls) {
        String body = example("maintainReferralLetter/requests/" + request);
        JsonNode parsed = readTree(body);
        List<String> old = new ArrayList<>();
        parsed.path("parameter").forEach(p -> old.add(p.path("resource").path("content").path(0).path("attachment").path("url").asText()));
        for (int i = 0; i < old.size(); i++) {
            body = body.replace(old.get(i), urls[i]);
        }
        return http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter")
                .header("If-Match", "W/\"" + version(ubrn) + "\"").json(body).send();
    }

    private static JsonNode readTree(String body) {
        try {
            return SimulatorHttp.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a004CodeSystems() {
        String[][] cases = {{"SPECIALTY", "SpecialtyCodeSystem"}, {"CLINIC-TYPE", "ClinicTypeCodeSystem"},
                {"PRIORITY", "PriorityCodeSystem"}, {"REFERRAL-CANCELLATION-REASON", "ReferralCancellationReasonCodeSystem"}};
        for (String[] c : cases) {
            JsonNode expected = exampleJson("getCodeSystem/responses/" + c[1] + ".json");
            SimulatorHttp.Result r = http.get("/STU3/CodeSystem/" + c[0]).send();
            assertShape(r, 200, expected);
            assertThat(r.json().path("url").asText()).isEqualTo(expected.path("url").asText());
            assertThat(r.json().path("id").asText()).isEqualTo(expected.path("id").asText());
        }
    }

    @Test
    void a030Roles() throws IOException {
        JsonNode expected = SimulatorHttp.JSON.readTree(ErsApiExamples.read("r4/retrieveBusinessFunctions/responses/PractitionerRoleBundle.json"));
        SimulatorHttp.Result r = http.get("/R4/PractitionerRole").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("resourceType").asText()).isEqualTo(expected.path("resourceType").asText());
        assertThat(r.json().path("type").asText()).isEqualTo(expected.path("type").asText());
        assertThat(r.json().path("entry").path(0).path("resource").path("resourceType").asText()).isEqualTo("PractitionerRole");
        assertThat(r.json().path("total").asInt()).isEqualTo(r.json().path("entry").size());
    }

    @Test
    void a010ServiceSearch() {
        JsonNode single = exampleJson("patientServiceSearch/responses/FetchServiceListWithSingleService.json");
        JsonNode empty = exampleJson("patientServiceSearch/responses/EmptyResponse.json");
        for (Path request : requests("patientServiceSearch")) {
            SimulatorHttp.Result r = http.post("/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient")
                    .json(example("patientServiceSearch/requests/" + request.getFileName())).send();
            assertShape(r, 200, single);
        }
        SimulatorHttp.Result minimal = http.post("/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient")
                .json(example("patientServiceSearch/requests/RcMinimal.json")).send();
        assertThat(minimal.json().path("entry")).hasSize(1);
        JsonNode entry = minimal.json().path("entry").path(0);
        JsonNode expectedEntry = single.path("entry").path(0);
        assertThat(entry.path("item").path("identifier")).isEqualTo(expectedEntry.path("item").path("identifier"));
        assertThat(extensionUrls(entry)).isEqualTo(extensionUrls(expectedEntry));
        assertThat(extensionUrls(entry.path("item").path("extension").path(0)))
                .isEqualTo(extensionUrls(expectedEntry.path("item").path("extension").path(0)));
        SimulatorHttp.Result advice = http.post("/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient")
                .json(example("patientServiceSearch/requests/RcSearchForAdviceService.json")).send();
        assertThat(advice.json().path("emptyReason")).isEqualTo(empty.path("emptyReason"));
    }

    @Test
    void a011CreateReferral() {
        String[][] cases = {{"MinimalRequest", "ReferralRequest"}, {"MinimalRequestWithReferringClinician", "ReferralRequest"},
                {"RequestMixedShortlist", "ReferralRequestMixedShortlist"}, {"RequestTwentyServices", "ReferralRequestTwentyServices"}};
        for (String[] c : cases) {
            SimulatorHttp.Result r = http.post("/STU3/ReferralRequest/$ers.createReferral")
                    .json(example("createReferral/requests/" + c[0] + ".json")).send();
            JsonNode expected = exampleJson("createReferral/responses/" + c[1] + ".json");
            assertShape(r, 201, expected);
            assertThat(r.header("ETag")).matches("W/\"\\d+\"");
            assertThat(r.json().path("contained").findValuesAsText("resourceType")).contains("Parameters", "List");
            assertThat(r.json().path("contained").path(1).path("entry").size())
                    .isEqualTo(expected.path("contained").path(1).path("entry").size());
        }
    }

    @Test
    void a021CreateAndSendForTriage() {
        for (String c : List.of("Parameters", "ParametersWithNamedClinician")) {
            SimulatorHttp.Result r = http.post("/STU3/ReferralRequest/$ers.createReferralAndSendForTriage")
                    .json(example("createReferralAndSendForTriage/requests/" + c + ".json")).send();
            JsonNode expected = exampleJson("createReferralAndSendForTriage/responses/"
                    + (c.equals("Parameters") ? "ReferralRequest" : "ReferralRequestWithNamedClinician") + ".json");
            // The example's request names no pathway start, but its response carries one e-RS filled in.
            JsonNode json = r.json();
            Set<String> expectedUrls = extensionUrls(expected);
            expectedUrls.remove("https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-eReferralPathwayStart-1");
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            assertThat(json.path("meta").path("profile")).isEqualTo(expected.path("meta").path("profile"));
            assertThat(extensionUrls(json)).isEqualTo(expectedUrls);
            assertThat(SimulatorFlowTest.state(json)).isEqualTo("AWAITING_TRIAGE");
        }
    }

    @Test
    void a020A012LetterAndA005Unbooked() {
        String ubrn = create("RequestMixedShortlist.json");
        String first = upload(ubrn);
        assertShape(attach(ubrn, "SingleDocumentReference.json", first), 200,
                exampleJson("maintainReferralLetter/responses/ReferralRequestWithSingleDocumentReference.json"));
        assertShape(http.get("/STU3/ReferralRequest/" + ubrn).send(), 200, exampleJson("retrieveReferralRequest/responses/Unbooked.json"));
        String second = upload(ubrn);
        SimulatorHttp.Result multiple = attach(ubrn, "MultipleDocumentReferences.json", first, second);
        assertShape(multiple, 200, exampleJson("maintainReferralLetter/responses/ReferralRequestWithMultipleDocumentReferences.json"));
        assertThat(multiple.json().path("supportingInfo")).hasSize(2);
        SimulatorHttp.Result updated = attach(ubrn, "UpdateClinicalInfo.json", second);
        assertShape(updated, 200, exampleJson("maintainReferralLetter/responses/ReferralRequestWithUpdatedDocumentReferences.json"));
        assertThat(updated.json().path("supportingInfo")).hasSize(1);
    }

    @Test
    void a016BookOrDeferAndA005States() {
        // service of each example request, and a slot another referral takes first where the example defers a taken slot
        String[][] cases = {{"MinimalBooking", "11000", "URGENT"}, {"BookingWithNamedClinician", "11008", "URGENT"},
                {"MinimalDeferral", "11021", "URGENT"}, {"DeferralBookingAttemptProblem", "11000", "URGENT"},
                {"DeferralWithSlotReference", "11000", "URGENT"}, {"TriageDeferral", "50001", "URGENT"}};
        for (String[] c : cases) {
            if (c[0].equals("DeferralWithSlotReference")) {
                String other = createWith("11000", "URGENT");
                assertThat(http.post("/STU3/Appointment").json(Requests.book(other, 1, "11000", "11000022")).send().status()).isEqualTo(201);
            }
            String ubrn = createWith(c[1], c[2]);
            upload(ubrn);
            String body = example("bookOrDeferAppointment/requests/" + c[0] + ".json")
                    .replace("ReferralRequest/" + EXAMPLE_UBRN + "/_history/6", "ReferralRequest/" + ubrn + "/_history/" + version(ubrn));
            SimulatorHttp.Result r = http.post("/STU3/Appointment").json(body).send();
            JsonNode expected = exampleJson("bookOrDeferAppointment/responses/" + c[0] + ".json");
            assertShape(r, 201, expected);
            assertThat(r.json().path("reason")).isEqualTo(expected.path("reason"));
            assertThat(r.json().path("participant").size()).isEqualTo(expected.path("participant").size());
            assertThat(r.json().path("incomingReferral").path(0).path("reference").asText())
                    .isEqualTo("ReferralRequest/" + ubrn + "/_history/" + version(ubrn));
        }
        // A005 after a booking and after a deferral, with a letter attached as in the examples
        String booked = create("MinimalRequest.json");
        attach(booked, "SingleDocumentReference.json", upload(booked));
        String slot = http.get("/STU3/Slot?schedule.actor:HealthcareService=11002&appointmentType=URGENT&status=free")
                .send().json().path("entry").path(0).path("resource").path("id").asText();
        assertThat(http.post("/STU3/Appointment").json(Requests.book(booked, version(booked), "11002", slot)).send().status()).isEqualTo(201);
        assertShape(http.get("/STU3/ReferralRequest/" + booked).send(), 200, exampleJson("retrieveReferralRequest/responses/BookedDBS.json"));

        String deferred = create("MinimalRequest.json");
        attach(deferred, "SingleDocumentReference.json", upload(deferred));
        http.call("PUT", "/ers-sim/admin/services/11002/free-slots").bytes("application/json", "{\"count\":0}".getBytes()).send();
        assertThat(http.post("/STU3/Appointment").json(Requests.defer(deferred, version(deferred), "11002", "NO_SLOTS_AT_SERVICE"))
                .send().status()).isEqualTo(201);
        SimulatorHttp.Result read = http.get("/STU3/ReferralRequest/" + deferred).send();
        JsonNode expected = exampleJson("retrieveReferralRequest/responses/DeferredToProvider.json");
        assertShape(read, 200, expected);
        assertThat(read.json().path("extension").findValue("extension").toString()).contains("NO_SLOTS_AT_SERVICE");
    }

    @Test
    void a015Slots() {
        JsonNode minimum = exampleJson("retrieveAppointmentSlots/responses/Minimum.json");
        String query = minimum.path("link").path(0).path("url").asText().replace(http.base(), "");
        SimulatorHttp.Result r = http.get(query).send();
        assertShape(r, 200, minimum);
        assertThat(r.json().path("type").asText()).isEqualTo("searchset");
        assertThat(r.json().path("total").asInt()).isEqualTo(3);
        assertThat(r.json().path("entry").findValuesAsText("resourceType")).containsExactly("Slot", "Slot", "Slot", "Schedule");
        JsonNode slot = r.json().path("entry").path(0).path("resource");
        JsonNode expectedSlot = minimum.path("entry").path(0).path("resource");
        assertThat(slot.path("meta")).isEqualTo(expectedSlot.path("meta"));
        assertThat(slot.path("identifier").path(0).path("system")).isEqualTo(expectedSlot.path("identifier").path(0).path("system"));
        assertThat(r.json().path("entry").path(3).path("search").path("mode").asText()).isEqualTo("include");

        JsonNode page1 = exampleJson("retrieveAppointmentSlots/responses/Page1PageSize5.json");
        SimulatorHttp.Result first = http.get(page1.path("link").path(0).path("url").asText().replace(http.base(), "")).send();
        assertShape(first, 200, page1);
        assertThat(first.json().path("link")).as("self and next links as e-RS writes them").isEqualTo(page1.path("link"));
        JsonNode page2 = exampleJson("retrieveAppointmentSlots/responses/Page2PageSize5.json");
        SimulatorHttp.Result second = http.get(page2.path("link").path(0).path("url").asText().replace(http.base(), "")).send();
        assertThat(second.json().path("link")).isEqualTo(page2.path("link"));
        assertThat(second.json().path("entry").path(0).path("resource").path("id").asText()).isEqualTo("11000006");
        String last = http.get("/STU3/Slot?schedule.actor%3AHealthcareService=11000&appointmentType=ROUTINE&_count=5&status=free&page=6")
                .send().text();
        assertThat(last).contains("\"previous\"").doesNotContain("\"next\"");

        JsonNode noSlots = exampleJson("retrieveAppointmentSlots/responses/NoSlots.json");
        SimulatorHttp.Result none = http.get(noSlots.path("link").path(0).path("url").asText().replace(http.base(), "")
                .replace("=10000", "=11021")).send();
        assertShape(none, 200, noSlots);
        assertThat(none.json().path("total").asInt()).isZero();

        JsonNode error = exampleJson("retrieveAppointmentSlots/responses/ErrorPage5.json");
        SimulatorHttp.Result page5 = http.get("/STU3/Slot?schedule.actor%3AHealthcareService=11000&appointmentType=ROUTINE&_count=20"
                + "&status=free&_include=Slot%3Aschedule&page=5").send();
        assertShape(page5, 400, error);
        assertThat(page5.json().path("issue").path(0).path("details")).isEqualTo(error.path("issue").path(0).path("details").deepCopy());
        assertThat(page5.diagnostics()).isEqualTo(error.path("issue").path(0).path("diagnostics").asText());
    }

    @Test
    void a036CancelAndA019Letter() {
        JsonNode expected = exampleJson("cancelReferral/responses/CancelledReferralRaisedInError.json");
        for (Path request : requests("cancelReferral")) {
            String ubrn = create("RequestMixedShortlist.json");
            SimulatorHttp.Result r = http.post("/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral")
                    .header("If-Match", "W/\"" + version(ubrn) + "\"").json(example("cancelReferral/requests/" + request.getFileName())).send();
            assertShape(r, 200, expected);
            JsonNode referral = r.json().path("parameter").path(0).path("resource");
            assertThat(r.json().path("parameter").path(0).path("name").asText()).isEqualTo("updatedReferralRequest");
            assertShape(new SimulatorHttp.Result(200, java.util.Map.of(), referral.toString().getBytes()), 200,
                    expected.path("parameter").path(0).path("resource"));
        }
        JsonNode bookedExpected = exampleJson("cancelReferral/responses/CancelledBookedReferralReferrerCancellation.json");
        String booked = createWith("11000", "URGENT");
        assertThat(http.post("/STU3/Appointment").json(Requests.book(booked, 1, "11000", "11000001")).send().status()).isEqualTo(201);
        SimulatorHttp.Result r = http.post("/STU3/ReferralRequest/" + booked + "/$ers.cancelReferral")
                .header("If-Match", "W/\"2\"").json(example("cancelReferral/requests/ReferrerCancellation.json")).send();
        assertShape(r, 200, bookedExpected);
        // The simulator keeps no patient additional requirements.
        assertShape(new SimulatorHttp.Result(200, java.util.Map.of(), r.json().path("parameter").path(0).path("resource").toString().getBytes()),
                200, bookedExpected.path("parameter").path(0).path("resource"), "Extension-eRS-PatientAdditionalRequirement-1");
        assertThat(r.json().path("parameter").path(0).path("name").asText()).isEqualTo("updatedReferralRequest");
        assertThat(r.json().path("parameter").path(1).path("name").asText()).isEqualTo("updatedAppointment");
        assertThat(r.json().path("parameter").path(1).path("resource").path("status").asText()).isEqualTo("cancelled");

        String open = create("MinimalRequest.json");
        SimulatorHttp.Result letter = http.post("/STU3/ReferralRequest/" + open + "/$ers.generatePatientLetter").send();
        assertThat(letter.status()).isEqualTo(200);
        assertThat(new String(letter.body(), 0, 5)).isEqualTo("%PDF-");
    }
}
