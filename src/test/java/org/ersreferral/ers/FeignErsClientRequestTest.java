package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Domain input → the request e-RS's official examples show, byte for byte as JSON. */
class FeignErsClientRequestTest extends ErsClientTestSupport {

    private static final String NHS_NUMBER = "9912003888";
    private static final String CLINICIAN = "021600556514";

    // ---- A010 ----

    @Test
    void minimalServiceSearchIsTheOfficialRcMinimalRequest() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", 200,
                example("stu3/patientServiceSearch/responses/EmptyResponse.json"));

        client.searchServices(CALL, new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT", null, null,
                null));

        assertFhirRequest(server.only("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient"),
                "stu3/patientServiceSearch/requests/RcMinimal.json", "REFERRING_CLINICIAN");
        assertThat(server.only("GET", "/STU3/CodeSystem/SPECIALTY").header("Accept")).isEqualTo("application/fhir+json");
    }

    @Test
    void adviceServiceSearchIsTheOfficialRequest() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", 200,
                example("stu3/patientServiceSearch/responses/AdviceServiceSearch.json"));

        client.searchServices(CALL, new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT", null, null,
                null, true, null, null, null, null, ServiceSearch.ADVICE_AND_GUIDANCE_REQUEST, null));

        assertFhirRequest(server.only("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient"),
                "stu3/patientServiceSearch/requests/RcSearchForAdviceService.json", "REFERRING_CLINICIAN");
    }

    @Test
    void searchUnderAnotherOrganisationsCommissioningRulesIsTheOfficialRequest() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", 200,
                example("stu3/patientServiceSearch/responses/EmptyResponse.json"));

        client.searchServices(CALL, new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT", null, null,
                null, true, null, null, null, null, null, "R69"));

        assertFhirRequest(server.only("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient"),
                "stu3/patientServiceSearch/requests/RcSearchWithCommissioningRuleOrganisation.json", "REFERRING_CLINICIAN");
    }

    @Test
    void namedClinicianSearchIsTheOfficialRequestAndNeedsNoReferenceData() {
        server.onFhir("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", 200,
                example("stu3/patientServiceSearch/responses/EmptyResponse.json"));

        client.searchServices(CALL, new ServiceSearch(NHS_NUMBER, "URGENT", null, null, null, CLINICIAN, null));

        assertFhirRequest(server.only("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient"),
                "stu3/patientServiceSearch/requests/RcSearchByNamedClinician.json", "REFERRING_CLINICIAN");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void adminSearchWithWaitTimeLimitActsForTheReferringClinician() {
        client = client("REFERRING_CLINICIAN_ADMIN", CLINICIAN, Duration.ofSeconds(5));
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", 200,
                example("stu3/patientServiceSearch/responses/EmptyResponse.json"));

        client.searchServices(CALL, new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT", null, null,
                null, true, 15, null, null, null));

        assertFhirRequest(server.only("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient"),
                "stu3/patientServiceSearch/requests/RcaWithIWT.json", "REFERRING_CLINICIAN_ADMIN");
    }

    @Test
    void adminSearchByClinicalTermNearAPostcodeSortedByWait() {
        client = client("REFERRING_CLINICIAN_ADMIN", CLINICIAN, Duration.ofSeconds(5));
        server.onFhir("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", 200,
                example("stu3/patientServiceSearch/responses/EmptyResponse.json"));

        client.searchServices(CALL, new ServiceSearch(NHS_NUMBER, "URGENT", null, null, "1003", null, "BR1 1AB", true,
                15, 23, "IWT", "R69"));

        assertFhirRequest(server.only("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient"),
                "stu3/patientServiceSearch/requests/RcSearchByClinicalTerm.json", "REFERRING_CLINICIAN_ADMIN");
    }

    // ---- A011 / A021 ----

    private static final ServiceSearch HEART_FAILURE = new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY",
            "HEART_FAILURE", null, null, null, false, null, null, null, null);

    @Test
    void createReferralIsTheOfficialMinimalRequest() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.createReferral", 201,
                example("stu3/createReferral/responses/ReferralRequest.json"));

        ReferralCreated created = client.createReferral(CALL, new NewReferral(NHS_NUMBER, HEART_FAILURE, List.of("11002"),
                true, Instant.parse("2024-05-01T09:55:00Z"), 0));

        assertFhirRequest(server.only("POST", "/STU3/ReferralRequest/$ers.createReferral"),
                "stu3/createReferral/requests/MinimalRequest.json", "REFERRING_CLINICIAN");
        assertThat(created).isEqualTo(new ReferralCreated("000000070000", "3"));
    }

    @Test
    void adminCreateReferralNamesTheReferringClinician() {
        client = client("REFERRING_CLINICIAN_ADMIN", CLINICIAN, Duration.ofSeconds(5));
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.createReferral", 201,
                example("stu3/createReferral/responses/ReferralRequest.json"));

        client.createReferral(CALL, new NewReferral(NHS_NUMBER, HEART_FAILURE, List.of("11002"), true,
                Instant.parse("2024-05-01T09:55:00Z"), 0));

        assertFhirRequest(server.only("POST", "/STU3/ReferralRequest/$ers.createReferral"),
                "stu3/createReferral/requests/MinimalRequestWithReferringClinician.json", "REFERRING_CLINICIAN_ADMIN");
    }

    @Test
    void createReferralWithMixedShortlistKeepsTheChosenOrder() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.createReferral", 201,
                example("stu3/createReferral/responses/ReferralRequestMixedShortlist.json"));

        client.createReferral(CALL, new NewReferral(NHS_NUMBER, HEART_FAILURE, List.of("11002", "51002"), true));

        assertFhirRequest(server.only("POST", "/STU3/ReferralRequest/$ers.createReferral"),
                "stu3/createReferral/requests/RequestMixedShortlist.json", "REFERRING_CLINICIAN");
    }

    /** The example with every criterion: A011 orders them its own way (see ErsFhirRequests.searchCriteria). */
    @Test
    void twentyServiceShortlistWithEveryCriterionMatchesTheExample() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.createReferral", 201,
                example("stu3/createReferral/responses/ReferralRequestTwentyServices.json"));
        ServiceSearch everything = new ServiceSearch(NHS_NUMBER, "ROUTINE", "CARDIOLOGY", "HEART_FAILURE", "1003",
                CLINICIAN, "LS1 2UT", true, 50, 123, null, "R69");
        List<String> twenty = java.util.stream.IntStream.range(12000, 12020).mapToObj(String::valueOf).toList();

        client.createReferral(CALL, new NewReferral(NHS_NUMBER, everything, twenty, true,
                Instant.parse("2024-05-01T09:55:00Z"), 0));

        var sent = json(server.only("POST", "/STU3/ReferralRequest/$ers.createReferral").bodyText());
        var expected = exampleJson("stu3/createReferral/requests/RequestTwentyServices.json");
        assertJsonEquals(expected, sent);
    }

    @Test
    void createReferralAndSendForTriageIsTheOfficialRequest() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.createReferralAndSendForTriage", 201,
                example("stu3/createReferralAndSendForTriage/responses/ReferralRequest.json"));
        ServiceSearch routine = new ServiceSearch(NHS_NUMBER, "ROUTINE", "CARDIOLOGY", "HEART_FAILURE", null, null, null,
                false, null, null, null, null);

        ReferralCreated created = client.createReferralAndSendForTriage(CALL,
                new NewReferral(NHS_NUMBER, routine, List.of("11004"), true));

        assertFhirRequest(server.only("POST", "/STU3/ReferralRequest/$ers.createReferralAndSendForTriage"),
                "stu3/createReferralAndSendForTriage/requests/Parameters.json", "REFERRING_CLINICIAN");
        assertThat(created).isEqualTo(new ReferralCreated("000000070000", "3"));
    }

    @Test
    void adminCreateAndSendForTriageWithNamedClinicianAndClinicalTerm() {
        client = client("REFERRING_CLINICIAN_ADMIN", CLINICIAN, Duration.ofSeconds(5));
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.createReferralAndSendForTriage", 201,
                example("stu3/createReferralAndSendForTriage/responses/ReferralRequestWithNamedClinician.json"));
        ServiceSearch byClinician = new ServiceSearch(NHS_NUMBER, "ROUTINE", null, null, "1003", CLINICIAN, null);

        client.createReferralAndSendForTriage(CALL, new NewReferral(NHS_NUMBER, byClinician, List.of("11004"), true));

        assertFhirRequest(server.only("POST", "/STU3/ReferralRequest/$ers.createReferralAndSendForTriage"),
                "stu3/createReferralAndSendForTriage/requests/ParametersWithNamedClinician.json",
                "REFERRING_CLINICIAN_ADMIN");
    }

    // ---- A020 / A012 ----

    @Test
    void uploadSendsTheRawFileWithItsNameAndReferral() {
        byte[] content = ErsApiExamples.readBytes("stu3/uploadFileToDocumentStore/requests/upload.txt");
        server.on("POST", "/STU3/Binary", new ErsTestServer.Reply(201,
                Map.of("Location", "Binary/50f0c0d5-7ed1-4587-8fce-889c8685eb54"), new byte[0], 0));

        String url = client.uploadFile(CALL, "000000070000", new LetterFile("upload.txt", "text/plain", content));

        ErsTestServer.Recorded upload = server.only("POST", "/STU3/Binary");
        assertCommonHeaders(upload, "REFERRING_CLINICIAN");
        assertThat(upload.body()).isEqualTo(content);
        assertThat(upload.header("Content-Type")).isEqualTo("text/plain");
        assertThat(upload.header("NHSD-eRS-File-Name")).isEqualTo("upload.txt");
        assertThat(upload.header("NHSD-eRS-Referral-ID")).isEqualTo("000000070000");
        assertThat(url).isEqualTo("Binary/50f0c0d5-7ed1-4587-8fce-889c8685eb54");
    }

    @Test
    void uploadAnsweredWithAnAbsoluteLocationStillGivesTheBinaryUrl() {
        server.on("POST", "/STU3/Binary", new ErsTestServer.Reply(201,
                Map.of("Location", server.baseUrl() + "/STU3/Binary/abc-1"), new byte[0], 0));

        String url = client.uploadFile(CALL, null, new LetterFile("a.pdf", "application/pdf",
                "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)));

        assertThat(url).isEqualTo("Binary/abc-1");
        assertThat(server.only("POST", "/STU3/Binary").header("NHSD-eRS-Referral-ID")).isNull();
    }

    @Test
    void singleLetterFileIsTheOfficialRequestWithIfMatch() {
        server.onFhir("POST", "/STU3/ReferralRequest/000000070000/$ers.maintainReferralLetter", 200,
                example("stu3/maintainReferralLetter/responses/ReferralRequestWithSingleDocumentReference.json"));

        String version = client.maintainReferralLetter(CALL, "000000070000", "4", List.of(new LetterAttachment(
                "Binary/50f0c0d5-7ed1-4587-8fce-889c8685eb54", "bloods.pdf", "application/pdf", 1234,
                "Blood test results showing an anomaly in the values of xxxx",
                Instant.parse("2021-06-24T13:05:03.652Z"))));

        ErsTestServer.Recorded request = server.only("POST", "/STU3/ReferralRequest/000000070000/$ers.maintainReferralLetter");
        assertFhirRequest(request, "stu3/maintainReferralLetter/requests/SingleDocumentReference.json",
                "REFERRING_CLINICIAN");
        assertThat(request.header("If-Match")).isEqualTo("W/\"4\"");
        assertThat(version).isEqualTo("5");
    }

    @Test
    void multipleLetterFilesAreTheOfficialRequestInOrder() {
        server.onFhir("POST", "/STU3/ReferralRequest/000000070001/$ers.maintainReferralLetter", 200,
                example("stu3/maintainReferralLetter/responses/ReferralRequestWithMultipleDocumentReferences.json"));

        client.maintainReferralLetter(CALL, "000000070001", "W/\"4\"", List.of(
                new LetterAttachment("Binary/e1015896-92f4-4073-ad3c-5f30fca76448", "first.pdf", "application/pdf", 1,
                        "First blood test results showing an anomaly in the values of xxxx",
                        Instant.parse("2021-06-24T13:22:13.311Z")),
                new LetterAttachment(secondBinary(), "second.pdf", "application/pdf", 1,
                        "Second blood test results showing an anomaly in the values of xxxx",
                        Instant.parse("2021-06-24T13:22:13.465Z"))));

        ErsTestServer.Recorded request = server.only("POST", "/STU3/ReferralRequest/000000070001/$ers.maintainReferralLetter");
        assertFhirRequest(request, "stu3/maintainReferralLetter/requests/MultipleDocumentReferences.json",
                "REFERRING_CLINICIAN");
        assertThat(request.header("If-Match")).isEqualTo("W/\"4\"");
    }

    private String secondBinary() {
        return exampleJson("stu3/maintainReferralLetter/requests/MultipleDocumentReferences.json")
                .at("/parameter/1/resource/content/0/attachment/url").asText();
    }

    @Test
    void letterFileWithoutIndexTimeIsIndexedNow() {
        server.onFhir("POST", "/STU3/ReferralRequest/000000070000/$ers.maintainReferralLetter", 200,
                example("stu3/maintainReferralLetter/responses/ReferralRequestWithSingleDocumentReference.json"));

        client.maintainReferralLetter(CALL, "000000070000", "4",
                List.of(new LetterAttachment("Binary/x", "x.pdf", "application/pdf", 1)));

        var body = json(server.only("POST", "/STU3/ReferralRequest/000000070000/$ers.maintainReferralLetter").bodyText());
        assertThat(body.at("/parameter/0/resource/indexed").asText()).isEqualTo("2024-05-01T10:00:00.000000+00:00");
        assertThat(body.at("/parameter/0/resource/description").isMissingNode()).isTrue();
    }

    // ---- A016 ----

    private static final String REFERRAL_VERSION = "6";

    @Test
    void bookingIsTheOfficialMinimalBooking() {
        serveAppointment("MinimalBooking.json");

        AppointmentResult result = client.bookOrDefer(CALL, new AppointmentRequest(AppointmentRequest.Kind.BOOK,
                "000000070000", REFERRAL_VERSION, "11000", NHS_NUMBER, "11000021",
                OffsetDateTime.parse("2022-07-11T12:00:00Z"), OffsetDateTime.parse("2022-07-11T13:00:00Z"), null));

        assertFhirRequest(server.only("POST", "/STU3/Appointment"),
                "stu3/bookOrDeferAppointment/requests/MinimalBooking.json", "REFERRING_CLINICIAN");
        assertThat(result).isEqualTo(new AppointmentResult("70000", "booked"));
    }

    @Test
    void bookingASlotWithANamedClinicianMakesThemAParticipant() {
        serveAppointment("BookingWithNamedClinician.json");

        AppointmentResult result = client.bookOrDefer(CALL, new AppointmentRequest(AppointmentRequest.Kind.BOOK,
                "000000070000", REFERRAL_VERSION, "11008", NHS_NUMBER, "11008006",
                OffsetDateTime.parse("2022-07-11T13:15:00Z"), OffsetDateTime.parse("2022-07-11T14:15:00Z"), null,
                CLINICIAN));

        // participant.type is one object here, as e-RS's A016 schema has it (not a FHIR array)
        assertFhirRequest(server.only("POST", "/STU3/Appointment"),
                "stu3/bookOrDeferAppointment/requests/BookingWithNamedClinician.json", "REFERRING_CLINICIAN");
        assertThat(result).isEqualTo(new AppointmentResult("70000", "booked"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            MinimalDeferral               | DEFER_NO_SLOTS                | 11021 | -        | There are no slots
            DeferralWithSlotReference     | DEFER_SLOT_NOT_AVAILABLE      | 11000 | 11000022 | Patient can only attend at 3pm
            DeferralBookingAttemptProblem | DEFER_BOOKING_ATTEMPT_PROBLEM | 11000 | -        | Booking failed
            TriageDeferral                | TRIAGE                        | 50001 | -        | -
            """)
    void deferralsAndTriageAreTheOfficialRequests(String example, AppointmentRequest.Kind kind, String serviceId,
                                                  String slotId, String comment) {
        serveAppointment(example + ".json");

        AppointmentResult result = client.bookOrDefer(CALL, new AppointmentRequest(kind, "000000070000",
                REFERRAL_VERSION, serviceId, NHS_NUMBER, slotId, null, null, comment));

        assertFhirRequest(server.only("POST", "/STU3/Appointment"),
                "stu3/bookOrDeferAppointment/requests/" + example + ".json", "REFERRING_CLINICIAN");
        assertThat(result).isEqualTo(new AppointmentResult("70000", "proposed"));
    }

    private void serveAppointment(String exampleFile) {
        server.onFhir("POST", "/STU3/Appointment", 201,
                example("stu3/bookOrDeferAppointment/responses/" + exampleFile));
    }

    // ---- A036 ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            IntendPrivateWithComment        | INTEND_PRIVATE                     | This is a cancellation reason comment
            IntendPrivateWithoutComment     | INTEND_PRIVATE                     | -
            NoLongerRequired                | TREATMENT_NO_LONGER_REQUIRED       | This is a cancellation reason comment
            PatientRequestCancellationOther | PATIENT_REQUEST_CANCELLATION_OTHER | This is a cancellation reason comment
            RaisedInError                   | RAISED_IN_ERROR                    | This is a cancellation reason comment
            ReferrerCancellation            | REFERRER_CANCELLATION              | This is a cancellation reason comment
            bookedOutsideCabWithoutComment  | BOOKED_OUTSIDE_CAB                 | -
            outpatientService               | OUTPATIENT_SERVICE_NA              | This is a cancellation reason comment
            """)
    void cancellationsAreTheOfficialRequestsWithIfMatch(String example, String reason, String comment) {
        serveCodeSystem("REFERRAL-CANCELLATION-REASON", "ReferralCancellationReasonCodeSystem.json");
        server.onFhir("POST", "/STU3/ReferralRequest/000000070000/$ers.cancelReferral", 200,
                example("stu3/cancelReferral/responses/CancelledReferralRaisedInError.json"));

        ReferralState state = client.cancelReferral(CALL, new Cancellation("000000070000", "3", reason, comment));

        ErsTestServer.Recorded request = server.only("POST", "/STU3/ReferralRequest/000000070000/$ers.cancelReferral");
        assertFhirRequest(request, "stu3/cancelReferral/requests/" + example + ".json", "REFERRING_CLINICIAN");
        assertThat(request.header("If-Match")).isEqualTo("W/\"3\"");
        assertThat(state.status()).isEqualTo("CANCELLED_REFERRAL");
    }

    // ---- reads: A005, A015, A019, A030 ----

    @Test
    void readsUseTheDocumentedPathsAndQuery() {
        server.onFhir("GET", "/STU3/ReferralRequest/000000070000", 200,
                example("stu3/retrieveReferralRequest/responses/Unbooked.json"));
        server.onFhir("GET", "/STU3/Slot", 200, example("stu3/retrieveAppointmentSlots/responses/Minimum.json"));
        server.onFhir("GET", "/R4/PractitionerRole", 200,
                example("r4/retrieveBusinessFunctions/responses/PractitionerRoleBundle.json"));

        client.retrieveReferral(CALL, "000000070000");
        client.retrieveSlots(CALL, new SlotQuery("12000", "ROUTINE", 20, 1));
        client.retrieveRoles(CALL);

        assertCommonHeaders(server.only("GET", "/STU3/ReferralRequest/000000070000"), "REFERRING_CLINICIAN");
        assertCommonHeaders(server.only("GET", "/R4/PractitionerRole"), "REFERRING_CLINICIAN");
        ErsTestServer.Recorded slots = server.only("GET", "/STU3/Slot");
        assertCommonHeaders(slots, "REFERRING_CLINICIAN");
        // as in the self link of the official answer
        assertThat(java.net.URLDecoder.decode(slots.query(), StandardCharsets.UTF_8)).isEqualTo(
                "schedule.actor:HealthcareService=12000&appointmentType=ROUTINE&_count=20&status=free"
                        + "&_include=Slot:schedule&page=1");
    }

    @Test
    void clinicianSlotSearchAsksAsTheOfficialExampleDoes() {
        server.onFhir("GET", "/STU3/Slot", 200, example("stu3/retrieveAppointmentSlots/responses/SlotClinicianSearch.json"));

        client.retrieveSlots(CALL, new SlotQuery("14000", "ROUTINE", 5, 1, "921600556514"));

        // as in the self link of the official answer
        assertThat(java.net.URLDecoder.decode(server.only("GET", "/STU3/Slot").query(), StandardCharsets.UTF_8)).isEqualTo(
                "schedule.actor:Practitioner=921600556514&schedule.actor:HealthcareService=14000&appointmentType=ROUTINE"
                        + "&_count=5&status=free&_include=Slot:schedule&page=1");
    }

    @Test
    void patientLetterAsksForAPdf() {
        server.on("POST", "/STU3/ReferralRequest/000000070000/$ers.generatePatientLetter", new ErsTestServer.Reply(200,
                Map.of("Content-Type", "application/pdf"), "%PDF".getBytes(StandardCharsets.US_ASCII), 0));

        client.generatePatientLetter(CALL, "000000070000");

        ErsTestServer.Recorded request = server.only("POST", "/STU3/ReferralRequest/000000070000/$ers.generatePatientLetter");
        assertCommonHeaders(request, "REFERRING_CLINICIAN");
        assertThat(request.header("Accept")).isEqualTo("application/pdf");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void everyCallGetsItsOwnCorrelationId() {
        server.onFhir("GET", "/STU3/ReferralRequest/000000070000", 200,
                example("stu3/retrieveReferralRequest/responses/Unbooked.json"));

        client.retrieveReferral(CALL, "000000070000");
        client.retrieveReferral(CALL, "000000070000");

        List<String> ids = server.requests().stream().map(r -> r.header("X-Correlation-ID")).toList();
        assertThat(ids).hasSize(2).doesNotHaveDuplicates().allMatch(id -> id.startsWith("pid-42:Task_CreateReferral:"));
    }
}
