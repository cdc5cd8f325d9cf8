package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every official example answer of the referrer operations → the domain records. */
class FeignErsClientResponseTest extends ErsClientTestSupport {

    private static final String SEARCH = "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient";
    private static final ServiceSearch BY_CLINICIAN = new ServiceSearch("9912003888", "URGENT", null, null, null,
            "021600556514", null);

    // ---- A004 ----

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            AppointmentCancellationReasonCodeSystem.json | APPOINTMENT-CANCELLATION-REASON   | 30 | ADDITIONAL_REQ_NOT_ELIGIBLE | APPT_MADE_FOR_WRONG_PATIENT
            AppointmentNonAttendanceReasonCodeSystem.json | APPOINTMENT-NON-ATTENDANCE-REASON | 7  | CANCELLED_TOO_LATE          | OTHER_MIGRATION_FROM_CAB
            ClinicTypeCodeSystem.json                    | CLINIC-TYPE                       | 1  | ALLERGY_1                   | GENERAL_ADULT_MENTAL_ILLNESS
            PriorityCodeSystem.json                      | PRIORITY                          | 3  | TWO_WEEK_WAIT               | -
            ReferralCancellationReasonCodeSystem.json    | REFERRAL-CANCELLATION-REASON      | 18 | BOOKED_OUTSIDE_CAB          | -
            SpecialtyCodeSystem.json                     | SPECIALTY                         | 1  | ALLERGY                     | ADULT_MENTAL_ILLNESS
            """)
    void codeSystemsKeepTheirUrlAndTheConceptsInUse(String file, String type, int inUse, String current, String retired) {
        serveCodeSystem(type, file);

        CodeSystemView view = client.retrieveCodeSystem(CALL, type);

        assertThat(view.type()).isEqualTo(type);
        assertThat(view.url()).isEqualTo(server.baseUrl() + "/STU3/CodeSystem/" + type);
        assertThat(view.concepts()).hasSize(inUse);
        assertThat(view.contains(current)).isTrue();
        assertThat(view.contains(retired)).isFalse();
    }

    @Test
    void priorityDisplayNamesComeFromTheCodeSystem() {
        serveCodeSystem("PRIORITY", "PriorityCodeSystem.json");

        CodeSystemView priority = client.retrieveCodeSystem(CALL, "PRIORITY");

        assertThat(priority.concepts()).extracting(CodeSystemView.Concept::code)
                .containsExactly("ROUTINE", "URGENT", "TWO_WEEK_WAIT");
        assertThat(priority.display("ROUTINE")).isEqualTo("Routine");
    }

    // ---- A010 ----

    @Test
    void triageServiceIsRecognisedByItsRequestFlowType() {
        server.onFhir("POST", SEARCH, 200, example("stu3/patientServiceSearch/responses/TriageAndAppointmentRequestType.json"));

        assertThat(client.searchServices(CALL, BY_CLINICIAN)).containsExactly(
                new ServiceOption("42", "Service Name", "DIRECTLY_BOOKABLE", true, null, null, "Organisation Name"));
    }

    @Test
    void indicativeWaitInDaysIsRead() {
        server.onFhir("POST", SEARCH, 200, example("stu3/patientServiceSearch/responses/WithIndicativeAppointmentWaitTime.json"));

        assertThat(client.searchServices(CALL, BY_CLINICIAN)).containsExactly(
                new ServiceOption("42", "Service Name", "DIRECTLY_BOOKABLE", false, 21, null, "Organisation Name"));
    }

    @Test
    void singleServiceIsRead() {
        server.onFhir("POST", SEARCH, 200, example("stu3/patientServiceSearch/responses/FetchServiceListWithSingleService.json"));

        assertThat(client.searchServices(CALL, BY_CLINICIAN)).containsExactly(new ServiceOption("11002",
                "Good Cardiology Business Service", "DIRECTLY_BOOKABLE", false, 10, null, "Cicero-Clinic"));
    }

    @Test
    void multipleServicesKeepTheirOrderDistanceAndUnknownWait() {
        server.onFhir("POST", SEARCH, 200, example("stu3/patientServiceSearch/responses/FetchServiceListWithMultipleServices.json"));

        List<ServiceOption> services = client.searchServices(CALL, BY_CLINICIAN);

        assertThat(services).extracting(ServiceOption::id).containsExactly("11030", "11021", "11010", "11007", "11008",
                "11002");
        assertThat(services.get(0)).isEqualTo(new ServiceOption("11030", "A LOCALLY_COMMISSIONABLE Service",
                "DIRECTLY_BOOKABLE", false, null, 0.0, "Cicero-Clinic"));
        assertThat(services).noneMatch(ServiceOption::triage);
    }

    @Test
    void adviceServiceIsNotTriage() {
        server.onFhir("POST", SEARCH, 200, example("stu3/patientServiceSearch/responses/AdviceServiceSearch.json"));

        assertThat(client.searchServices(CALL, BY_CLINICIAN)).containsExactly(new ServiceOption("11010",
                "Excellent Cardiology Business Service", "DIRECTLY_BOOKABLE", false, null, 0.0, "Cicero-Clinic"));
    }

    @Test
    void noServicesIsAnEmptyList() {
        server.onFhir("POST", SEARCH, 200, example("stu3/patientServiceSearch/responses/EmptyResponse.json"));

        assertThat(client.searchServices(CALL, BY_CLINICIAN)).isEmpty();
    }

    // ---- A011 / A021 / A012 ----

    @ParameterizedTest
    @CsvSource({"ReferralRequest.json", "ReferralRequestMixedShortlist.json", "ReferralRequestTwentyServices.json"})
    void createdReferralGivesUbrnAndVersion(String file) {
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.createReferral", 201,
                example("stu3/createReferral/responses/" + file));

        assertThat(client.createReferral(CALL, new NewReferral("9912003888", BY_CLINICIAN, List.of("11002"), true)))
                .isEqualTo(new ReferralCreated("000000070000", "3"));
    }

    @ParameterizedTest
    @CsvSource({"ReferralRequest.json", "ReferralRequestWithNamedClinician.json"})
    void referralSentForTriageGivesUbrnAndVersion(String file) {
        server.onFhir("POST", "/STU3/ReferralRequest/$ers.createReferralAndSendForTriage", 201,
                example("stu3/createReferralAndSendForTriage/responses/" + file));

        assertThat(client.createReferralAndSendForTriage(CALL,
                new NewReferral("9912003888", BY_CLINICIAN, List.of("11004"), true)))
                .isEqualTo(new ReferralCreated("000000070000", "3"));
    }

    @ParameterizedTest
    @CsvSource({"000000070000, ReferralRequestWithSingleDocumentReference.json",
            "000000070001, ReferralRequestWithMultipleDocumentReferences.json",
            "000000070001, ReferralRequestWithUpdatedDocumentReferences.json"})
    void maintainedLetterGivesTheNewVersion(String ubrn, String file) {
        server.onFhir("POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter", 200,
                example("stu3/maintainReferralLetter/responses/" + file));

        assertThat(client.maintainReferralLetter(CALL, ubrn, "4",
                List.of(new LetterAttachment("Binary/x", "x.pdf", "application/pdf", 1)))).isEqualTo("5");
    }

    // ---- A005 ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", quoteCharacter = '"', textBlock = """
            BookedDBS                      | 000000070001 | BOOKED                     | 11002       | 11002 | 70009 | -                                                  | -
            BookedIBS                      | 000000070002 | BOOKED                     | 11016 11017 | 11016 | 70009 | -                                                  | -
            ConvertedFromAdviceAndGuidance | 000000070004 | TRIAGED_PROVIDER_TO_ACTION | 11014       | 11014 | 70009 | PROVIDER_CONVERTED_ADVICE_AND_GUIDANCE_ADMIN_TO_REFER | Actually I'd rather not
            DeferredToProvider             | 000000070003 | DEFERRED_TO_PROVIDER       | 11010       | 11010 | 70009 | NO_SLOTS_AT_SERVICE                                | -
            Unbooked                       | 000000070000 | NOT_BOOKED                 | 11002       | -     | -     | -                                                  | -
            WithAdditionalRequirements     | 000000070011 | BOOKED                     | 11002       | -     | -     | -                                                  | -
            WithRelatedReferral            | 000000070005 | BOOKED                     | 11002       | 11002 | 70009 | -                                                  | -
            WithUnavailableAttachments     | 000000070012 | NOT_BOOKED                 | 11002       | -     | -     | -                                                  | -
            """)
    void referralStateIsReadFromTheStateExtension(String file, String ubrn, String status, String shortlist,
                                                  String appointmentServiceId, String appointmentId, String reason,
                                                  String comments) {
        server.onFhir("GET", "/STU3/ReferralRequest/" + ubrn, 200,
                example("stu3/retrieveReferralRequest/responses/" + file + ".json"));

        ReferralState state = client.retrieveReferral(CALL, ubrn);
        assertThat(state).usingRecursiveComparison().ignoringFields("reason", "comments", "lastUpdated", "unavailableAttachments")
                .isEqualTo(new ReferralState(ubrn, "5", status, Arrays.asList(shortlist.split(" ")), appointmentServiceId,
                        appointmentId));
        assertThat(state.reason() == null ? null : state.reason().code()).isEqualTo(reason);
        assertThat(state.comments()).isEqualTo(comments);
        assertThat(state.lastUpdated()).as("the official examples have no meta.lastUpdated").isNull();
        if (reason != null) {
            // static reference data (eRS-ReviewReason-1, eRS-ReviewOutcome-1), not an A004 code system
            assertThat(state.reason().system()).startsWith("https://fhir.nhs.uk/STU3/CodeSystem/eRS-Review");
            assertThat(state.reason().referenceDataType()).isNull();
        }
    }

    @Test
    void theLetterFilesErsRefusedAreReadFromTheirAvailabilityAndAFileStillBeingCheckedIsNot() {
        server.onFhir("GET", "/STU3/ReferralRequest/000000070012", 200,
                example("stu3/retrieveReferralRequest/responses/WithUnavailableAttachments.json"));

        ReferralState state = client.retrieveReferral(CALL, "000000070012");

        assertThat(state.unavailableAttachments()).extracting(ReferralState.UnavailableAttachment::status)
                .containsExactly("THREATS_FOUND", "VALIDATION_FAILED");
        assertThat(state.unavailableAttachments()).allSatisfy(file -> assertThat(file.description()).startsWith("referralletter"));
    }

    @Test
    void aReasonFromReferenceDataNamesItsA004CodeSystem() {
        assertThat(new ReferralState.StateReason(server.baseUrl() + "/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON",
                "CLINIC_CANCELLED", null).referenceDataType()).isEqualTo("APPOINTMENT-CANCELLATION-REASON");
        assertThat(new ReferralState.StateReason("https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1", "X", null)
                .referenceDataType()).isNull();
        assertThat(new ReferralState.StateReason(null, "X", null).referenceDataType()).isNull();
    }

    // ---- A015 ----

    @Test
    void minimumSlotPageIsRead() {
        server.onFhir("GET", "/STU3/Slot", 200, example("stu3/retrieveAppointmentSlots/responses/Minimum.json"));

        SlotPage page = client.retrieveSlots(CALL, new SlotQuery("12000", "ROUTINE", 20, 1));

        assertThat(page.morePages()).isFalse();
        assertThat(page.slots()).containsExactly(
                slot("12000001", "2021-05-22T08:25:32.562Z", "2021-05-22T09:25:32.562Z", "12000-921600556514", null),
                slot("12000003", "2021-05-22T10:25:32.562Z", "2021-05-22T11:25:32.562Z", "12000-921600556514", null),
                slot("12000004", "2021-05-22T11:25:32.562Z", "2021-05-22T12:25:32.562Z", "12000-921600556514", null));
    }

    @Test
    void noSlotsIsAnEmptyLastPage() {
        server.onFhir("GET", "/STU3/Slot", 200, example("stu3/retrieveAppointmentSlots/responses/NoSlots.json"));

        assertThat(client.retrieveSlots(CALL, new SlotQuery("10000", "ROUTINE", 20, 1)))
                .isEqualTo(new SlotPage(List.of(), false));
    }

    @ParameterizedTest
    @CsvSource({"Page1PageSize5.json, 1, 11000001", "Page2PageSize5.json, 2, 11000006"})
    void aNextLinkMeansMorePages(String file, int pageNumber, String firstSlot) {
        server.onFhir("GET", "/STU3/Slot", 200, example("stu3/retrieveAppointmentSlots/responses/" + file));

        SlotPage page = client.retrieveSlots(CALL, new SlotQuery("11000", "ROUTINE", 5, pageNumber));

        assertThat(page.morePages()).isTrue();
        assertThat(page.slots()).hasSize(5);
        assertThat(page.slots().get(0).id()).isEqualTo(firstSlot);
        assertThat(server.only("GET", "/STU3/Slot").query()).contains("_count=5").endsWith("page=" + pageNumber);
    }

    @Test
    void slotsOfAClinicianScheduleNameTheClinician() {
        server.onFhir("GET", "/STU3/Slot", 200, example("stu3/retrieveAppointmentSlots/responses/Page1With2Schedules.json"));

        SlotPage page = client.retrieveSlots(CALL, new SlotQuery("13000", "ROUTINE", 5, 1));

        assertThat(page.slots()).extracting(Slot::clinician).containsExactly(null, null, null, "921600556514",
                "921600556514");
        assertThat(page.slots().get(4)).isEqualTo(
                slot("11000021", "2021-05-23T04:59:43.956Z", "2021-05-23T05:59:43.956Z", "11000", "921600556514"));
    }

    @Test
    void clinicianSlotSearchAnswerIsRead() {
        server.onFhir("GET", "/STU3/Slot", 200, example("stu3/retrieveAppointmentSlots/responses/SlotClinicianSearch.json"));

        SlotPage page = client.retrieveSlots(CALL, new SlotQuery("14000", "ROUTINE", 5, 1));

        assertThat(page.slots()).extracting(Slot::id).containsExactly("11000001", "11000003", "11000004", "11000005");
        assertThat(page.slots()).allMatch(s -> "921600556514".equals(s.clinician()));
    }

    @Test
    void pageOutOfRangeIsRejectedWithTheDiagnostics() {
        server.onFhir("GET", "/STU3/Slot", 422, example("stu3/retrieveAppointmentSlots/responses/ErrorPage5.json"));

        assertThatThrownBy(() -> client.retrieveSlots(CALL, new SlotQuery("11000", "ROUTINE", 5, 5)))
                .isInstanceOf(ErsException.Rejected.class)
                .hasMessage("'Page Number' (5) is invalid.")
                .extracting(e -> ((ErsException) e).operationId()).isEqualTo("A015");
    }

    private static Slot slot(String id, String start, String end, String schedule, String clinician) {
        return new Slot(id, OffsetDateTime.parse(start), OffsetDateTime.parse(end), schedule, clinician);
    }

    // ---- A016 ----

    @ParameterizedTest
    @CsvSource({"MinimalBooking.json, booked", "BookingWithNamedClinician.json, booked",
            "MinimalDeferral.json, proposed", "DeferralWithSlotReference.json, proposed",
            "DeferralBookingAttemptProblem.json, proposed", "TriageDeferral.json, proposed"})
    void appointmentAnswerGivesIdAndStatus(String file, String status) {
        server.onFhir("POST", "/STU3/Appointment", 201, example("stu3/bookOrDeferAppointment/responses/" + file));

        assertThat(client.bookOrDefer(CALL, new AppointmentRequest(AppointmentRequest.Kind.DEFER_NO_SLOTS,
                "000000070000", "6", "11000", "9912003888", null, null, null, null)))
                .isEqualTo(new AppointmentResult("70000", status));
    }

    @Test
    void participantTypeSentAsASingleObjectIsTolerated() {
        // documented e-RS quirk: Appointment.participant.type (an array in FHIR) may come as one object
        String quirky = example("stu3/bookOrDeferAppointment/responses/MinimalBooking.json").replace(
                "\"status\": \"accepted\"",
                "\"type\": {\"coding\": [{\"system\": \"http://hl7.org/fhir/ValueSet/encounter-participant-type\","
                        + " \"code\": \"CON\"}]}, \"status\": \"accepted\"");
        assertThat(json(quirky).at("/participant/0/type").isObject()).isTrue();
        server.onFhir("POST", "/STU3/Appointment", 201, quirky);

        assertThat(client.bookOrDefer(CALL, new AppointmentRequest(AppointmentRequest.Kind.DEFER_NO_SLOTS,
                "000000070000", "6", "11000", "9912003888", null, null, null, null)))
                .isEqualTo(new AppointmentResult("70000", "booked"));
    }

    // ---- A036 ----

    @ParameterizedTest
    @CsvSource({"CancelledBookedReferralReferrerCancellation.json, 11004, 11004, 70001",
            "CancelledReferralBookedOutsideCabWithoutComment.json, 11004, , ",
            "CancelledReferralIntendPrivateWithoutComment.json, 11004, , ",
            "CancelledReferralOutpatientService.json, 11004, 11004, 70001",
            "CancelledReferralPatientOther.json, 11004, , ",
            "CancelledReferralRaisedInError.json, 11004, , ",
            "CancelledReferralResolvedDeferralIntendPrivateWithComment.json, 11004, 11004, ",
            "CancelledReferralWithCancelledBookingNoLongerRequired.json, 57, 57, 70001"})
    void cancelledReferralStateIsRead(String file, String shortlisted, String appointmentServiceId, String appointmentId) {
        serveCodeSystem("REFERRAL-CANCELLATION-REASON", "ReferralCancellationReasonCodeSystem.json");
        server.onFhir("POST", "/STU3/ReferralRequest/000000070000/$ers.cancelReferral", 200,
                example("stu3/cancelReferral/responses/" + file));

        ReferralState cancelled = client.cancelReferral(CALL, new Cancellation("000000070000", "3", "RAISED_IN_ERROR", null));
        assertThat(cancelled).usingRecursiveComparison().ignoringFields("reason", "comments", "lastUpdated")
                .isEqualTo(new ReferralState("000000070000", "4", "CANCELLED_REFERRAL", List.of(shortlisted),
                        appointmentServiceId, appointmentId));
        // the referrer's reason, in the code system A004 names
        assertThat(cancelled.reason().referenceDataType()).endsWith("-CANCELLATION-REASON");
        assertThat(cancelled.reason().code()).isNotBlank();
    }

    // ---- A019 ----

    @Test
    void patientLetterIsThePdfNamedAfterWhatItIs() {
        String file = "000000070000_Appointment_Confirmation_Summary_20210603121353.pdf";
        byte[] pdf = ErsApiExamples.readBytes("stu3/generatePatientLetter/responses/" + file);
        server.on("POST", "/STU3/ReferralRequest/000000070000/$ers.generatePatientLetter", new ErsTestServer.Reply(200,
                Map.of("Content-Type", "application/pdf", "Content-Disposition", "attachment; filename=\"" + file + "\""),
                pdf, 0));

        PatientLetter letter = client.generatePatientLetter(CALL, "000000070000");

        assertThat(letter.pdf()).isEqualTo(pdf);
        assertThat(letter.fileName()).isEqualTo("patient-letter-" + file);
    }

    @Test
    void patientLetterWithoutAFileNameIsNamedAfterTheReferral() {
        server.on("POST", "/STU3/ReferralRequest/000000070000/$ers.generatePatientLetter", new ErsTestServer.Reply(200,
                Map.of("Content-Type", "application/pdf", "Content-Disposition", "attachment; filename=\"../x.sh\""),
                "%PDF-1.7".getBytes(), 0));

        assertThat(client.generatePatientLetter(CALL, "000000070000").fileName())
                .isEqualTo("patient-letter-000000070000.pdf");
    }

    // ---- A030 ----

    @Test
    void rolesAreListedPerOrganisation() {
        server.onFhir("GET", "/R4/PractitionerRole", 200,
                example("r4/retrieveBusinessFunctions/responses/PractitionerRoleBundle.json"));

        assertThat(client.retrieveRoles(CALL)).containsExactly(
                new ErsRole("SERVICE_DEFINER", "R69", null),
                new ErsRole("SERVICE_PROVIDER_CLINICIAN", "R69", null),
                new ErsRole("SERVICE_PROVIDER_ADMIN", "R69", null),
                new ErsRole("REFERRING_CLINICIAN", "R68", null));
    }
}
