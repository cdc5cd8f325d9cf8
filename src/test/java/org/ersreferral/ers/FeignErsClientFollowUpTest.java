package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Following a sent referral (A008, A029, A031, A032, A038, A034): domain input → the official
 * example requests, the official example answers → the domain records, and failures → the
 * {@link ErsException} that says what to do next.
 */
class FeignErsClientFollowUpTest extends ErsClientTestSupport {

    private static final String WORKLIST = "/STU3/ReferralRequest/$ers.fetchworklist";
    private static final String UBRN = "000000070000";
    private static final ServiceSearch HEART_FAILURE = new ServiceSearch("9912003888", "URGENT", "CARDIOLOGY",
            "HEART_FAILURE", null, null, null, false, null, null, null, null);
    private static final ServiceSearch ROUTINE_HEART_FAILURE = new ServiceSearch("9912003888", "ROUTINE", "CARDIOLOGY",
            "HEART_FAILURE", null, null, null, false, null, null, null, null);

    // ---- A008 ----

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MinimalAwaitingBooking, AWAITING_BOOKING", "MinimalLettersOutstanding, LETTERS_OUTSTANDING",
            "MinimalRejectedTriageResponse, REJECTED_TRIAGE_RESPONSE",
            "MinimalAssessmentReturnedCancelledDna, ASSESSMENT_RETURNED_CANCELLED_DNA"})
    void worklistRequestsAreTheOfficialReferrerRequests(String example, WorklistType type) {
        server.onFhir("POST", WORKLIST, 200, example("stu3/retrieveWorklist/responses/AwaitingBooking.json"));

        client.fetchWorklist(CALL, type);

        assertFhirRequest(server.only("POST", WORKLIST), "stu3/retrieveWorklist/requests/" + example + ".json",
                "REFERRING_CLINICIAN");
    }

    @Test
    void awaitingBookingItemsReadBothSpellingsOfACancelledAppointment() {
        server.onFhir("POST", WORKLIST, 200, example("stu3/retrieveWorklist/responses/AwaitingBooking.json"));

        List<WorklistItem> items = client.fetchWorklist(CALL, WorklistType.AWAITING_BOOKING);

        OffsetDateTime updated = OffsetDateTime.parse("2021-09-03T14:19:04.702Z");
        assertThat(items).containsExactly(
                new WorklistItem("000000070001", ReferralStatus.NOT_BOOKED, null, updated, null),
                // the worklist spells it APP_CANCELLED_BY_PATIENT, A005 APPT_CANCELLED_BY_PATIENT
                new WorklistItem("000000070000", ReferralStatus.APPT_CANCELLED_BY_PATIENT, "PATIENT_HOLIDAY", updated, null));
        assertThat(items.toString()).as("the patient is not on the item").doesNotContain("9462979626");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            AssessmentReturnedCancelledDna | 000000070001 CANCELLED_REFERRAL INTEND_PRIVATE               | 000000070000 DID_NOT_ATTEND -
            RejectedTriageResponse         | 000000070001 REJECTED FURTHER_INFORMATION_REQUIRED           | 000000070000 TRIAGE_RESPONSE -
            """)
    void returnedAndRejectedReferralsCarryTheirStateAndReason(String file, String first, String second) {
        server.onFhir("POST", WORKLIST, 200, example("stu3/retrieveWorklist/responses/" + file + ".json"));

        List<WorklistItem> items = client.fetchWorklist(CALL, WorklistType.REJECTED_TRIAGE_RESPONSE);

        assertThat(items).hasSize(2);
        assertItem(items.get(0), first);
        assertItem(items.get(1), second);
        assertThat(items).allMatch(i -> i.referralLastUpdated().equals(OffsetDateTime.parse("2021-09-03T14:19:04.702Z")));
    }

    private static void assertItem(WorklistItem item, String expected) {
        String[] parts = expected.trim().split("\\s+");
        assertThat(item.ubrn()).isEqualTo(parts[0]);
        assertThat(item.status()).isEqualTo(ReferralStatus.valueOf(parts[1]));
        assertThat(item.reason()).isEqualTo("-".equals(parts[2]) ? null : parts[2]);
    }

    @Test
    void lettersOutstandingSayWhenTheLetterIsDue() {
        server.onFhir("POST", WORKLIST, 200, example("stu3/retrieveWorklist/responses/LettersOutstanding.json"));

        assertThat(client.fetchWorklist(CALL, WorklistType.LETTERS_OUTSTANDING)).containsExactly(
                new WorklistItem("000000070001", null, null, null, LocalDate.parse("2021-09-03")),
                new WorklistItem("000000068002", null, null, null, LocalDate.parse("2021-01-25")));
    }

    /** A provider's lists are not a referrer's, but their answers must not break the reading either. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            AppointmentSlotIssues | 000000070001 000000070000
            FilteredByClinician   | 000000070000 000000070001
            FilteredByService     | 000000070001
            FilteredBySpecialty   | 000000070001 000000070000
            ReferralsForReview    | 000000070002 000000070001
            """)
    void everyOfficialWorklistAnswerIsRead(String file, String ubrns) {
        server.onFhir("POST", WORKLIST, 200, example("stu3/retrieveWorklist/responses/" + file + ".json"));

        assertThat(client.fetchWorklist(CALL, WorklistType.AWAITING_BOOKING)).extracting(WorklistItem::ubrn)
                .containsExactlyElementsOf(Arrays.asList(ubrns.split(" ")));
    }

    @Test
    void bothSpellingsOfACancelledAppointmentAreOneState() {
        assertThat(ReferralStatus.fromCode("APP_CANCELLED_BY_PATIENT")).isEqualTo(ReferralStatus.APPT_CANCELLED_BY_PATIENT)
                .isEqualTo(ReferralStatus.fromCode("APPT_CANCELLED_BY_PATIENT"));
        assertThat(ReferralStatus.fromCode("APP_CANCELLED_BY_PROVIDER")).isEqualTo(ReferralStatus.APPT_CANCELLED_BY_PROVIDER)
                .isEqualTo(ReferralStatus.fromCode("APPT_CANCELLED_BY_PROVIDER"));
        assertThat(ReferralStatus.fromCode("SOMETHING_NEW")).isEqualTo(ReferralStatus.OTHER);
        assertThat(ReferralStatus.fromCode(null)).isNull();
        assertThat(new ReferralState(UBRN, "5", "APPT_CANCELLED_BY_PROVIDER", List.of(), null).referralStatus())
                .isEqualTo(ReferralStatus.APPT_CANCELLED_BY_PROVIDER);
    }

    // ---- A029 ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Empty                               | 000000070000 | -
            WithCancelDBAppointment             | 000000070006 | CANCEL_DIRECTLY_BOOKED_APPOINTMENT
            WithCancelReferral                  | 000000070005 | CANCEL_REFERRAL
            WithChangeShortlist                 | 000000070003 | CHANGE_SHORTLIST
            WithChangeShortlistAndSendForTriage | 000000070004 | CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE
            WithCreateAppointment               | 000000070002 | CREATE_APPOINTMENT
            WithRecordReviewOutcome             | 000000070001 | RECORD_REVIEW_OUTCOME
            """)
    void availableActionsAskAboutOneVersionAsTheOfficialSelfLinkDoes(String file, String ubrn, AvailableAction action) {
        String answer = example("stu3/availableActionsForUserList/" + file + ".json");
        server.onFhir("GET", "/STU3/Task", 200, answer);

        Set<AvailableAction> actions = client.availableActions(CALL, ubrn, "6");

        assertThat(actions).isEqualTo(action == null ? Set.of() : EnumSet.of(action));
        ErsTestServer.Recorded request = server.only("GET", "/STU3/Task");
        assertCommonHeaders(request, "REFERRING_CLINICIAN");
        String self = json(answer).at("/link/0/url").asText();
        assertThat(URLDecoder.decode(request.query(), StandardCharsets.UTF_8)).isEqualTo(self.substring(self.indexOf('?') + 1));
    }

    @Test
    void availableActionsTakeTheVersionInEitherForm() {
        server.onFhir("GET", "/STU3/Task", 200, example("stu3/availableActionsForUserList/WithChangeShortlist.json"));

        assertThat(client.availableActions(CALL, "000000070003", "W/\"6\"")).containsExactly(AvailableAction.CHANGE_SHORTLIST);
        assertThat(URLDecoder.decode(server.only("GET", "/STU3/Task").query(), StandardCharsets.UTF_8))
                .startsWith("focus=ReferralRequest/000000070003/_history/6&");
    }

    // ---- A031 / A032 ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            UnbookedReferral                 | URGENT  | 11002                         | true  | 0 | -                         | 3
            UnbookedReferralMixedShortlist   | URGENT  | 11002 51002                   | true  | 0 | -                         | 3
            UnbookedReferralMultipleServices | URGENT  | 11000 11001 11002 11003 11008 | true  | 0 | -                         | 3
            NonMixedShortlistWithDocument    | ROUTINE | 11004 11002                   | false | 1 | ALL_AVAILABLE_FOR_BOOKING | 9
            """)
    void shortlistChangesAreTheOfficialRequestsWithIfMatch(String example, String priority, String services,
                                                          boolean letterToFollow, int reminderDays,
                                                          String commissioningProvisioning, String newVersion) {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        String path = "/STU3/ReferralRequest/" + UBRN + "/$ers.changeShortlist";
        server.onFhir("POST", path, 200, example("stu3/changeShortlist/responses/" + example + ".json"));
        List<String> shortlist = Arrays.asList(services.split(" "));
        ServiceSearch criteria = "URGENT".equals(priority) ? HEART_FAILURE : ROUTINE_HEART_FAILURE;

        ReferralState state = client.changeShortlist(CALL, new ShortlistChange(UBRN, "2", criteria, shortlist,
                letterToFollow, reminderDays, commissioningProvisioning));

        ErsTestServer.Recorded request = server.only("POST", path);
        assertFhirRequest(request, "stu3/changeShortlist/requests/" + example + ".json", "REFERRING_CLINICIAN");
        assertThat(request.header("If-Match")).isEqualTo("W/\"2\"");
        assertThat(state).isEqualTo(new ReferralState(UBRN, newVersion, "NOT_BOOKED", shortlist, null));
    }

    @Test
    void shortlistChangeAndSendForTriageIsTheOfficialRequestAndNamesTheTriageAppointment() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        String path = "/STU3/ReferralRequest/" + UBRN + "/$ers.changeShortlistAndSendForTriage";
        server.onFhir("POST", path, 200, example("stu3/changeShortlistAndSendForTriage/responses/MinimalRequest.json"));

        ReferralState state = client.changeShortlistAndSendForTriage(CALL, new ShortlistChange(UBRN, "W/\"2\"",
                ROUTINE_HEART_FAILURE, List.of("11004"), false));

        ErsTestServer.Recorded request = server.only("POST", path);
        assertFhirRequest(request, "stu3/changeShortlistAndSendForTriage/requests/MinimalRequest.json", "REFERRING_CLINICIAN");
        assertThat(request.header("If-Match")).isEqualTo("W/\"2\"");
        assertThat(state.version()).isEqualTo("3");
        assertThat(state.referralStatus()).isEqualTo(ReferralStatus.AWAITING_TRIAGE);
        assertThat(state.shortlist()).containsExactly("11004");
        assertThat(state.appointmentId()).isEqualTo("70009");
    }

    @Test
    void triageAnswerWithoutTheAppointmentReferenceTakesTheCreatedAppointment() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        String answer = example("stu3/changeShortlistAndSendForTriage/responses/MinimalRequest.json")
                .replace("Extension-eRS-Appointment-Reference-1", "Extension-eRS-Unknown-1");
        server.onFhir("POST", "/STU3/ReferralRequest/" + UBRN + "/$ers.changeShortlistAndSendForTriage", 200, answer);

        assertThat(client.changeShortlistAndSendForTriage(CALL, new ShortlistChange(UBRN, "2", ROUTINE_HEART_FAILURE,
                List.of("11004"), false)).appointmentId()).isEqualTo("70001");
    }

    @Test
    void aStaleVersionIsAConflictAndATimeoutAfterSendingAnUnknownOutcome() {
        serveCodeSystem("SPECIALTY", "SpecialtyCodeSystem.json");
        String path = "/STU3/ReferralRequest/" + UBRN + "/$ers.changeShortlist";
        server.onFhir("POST", path, 409, example("stu3/STU3-OperationOutcome.json"));
        ShortlistChange change = new ShortlistChange(UBRN, "2", HEART_FAILURE, List.of("11002"), true);

        ErsException.Conflict stale = catchThrowableOfType(() -> client.changeShortlist(CALL, change),
                ErsException.Conflict.class);
        assertThat(stale.operationId()).isEqualTo("A031");

        client = client("REFERRING_CLINICIAN", null, Duration.ofMillis(300));
        server.on("POST", "/STU3/ReferralRequest/" + UBRN + "/$ers.changeShortlistAndSendForTriage",
                new ErsTestServer.Reply(200, java.util.Map.of(), new byte[0], 2_000));
        ErsException.OutcomeUnknown unknown = catchThrowableOfType(() -> client.changeShortlistAndSendForTriage(CALL,
                new ShortlistChange(UBRN, "2", ROUTINE_HEART_FAILURE, List.of("11004"), false)),
                ErsException.OutcomeUnknown.class);
        assertThat(unknown.operationId()).isEqualTo("A032");
    }

    // ---- A038 ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            AandGConvertedToDBS | 70007 | booked    | 410201 | -                              | -                          | 000000070008 | 9 | 50
            AppointmentDeferral | 70002 | proposed  | -      | NO_SLOTS_AT_SERVICE            | Slot unavailable           | 000000070002 | 8 | 50
            BookedDBS           | 70000 | booked    | 410241 | -                              | -                          | 000000070000 | 6 | 50
            BookedIBS           | 70001 | booked    | -      | -                              | -                          | 000000070001 | 8 | 50002
            CAAL                | 70005 | proposed  | -      | CANCEL_APPOINTMENT_ACTION_LATER | Please rebook later       | 000000070006 | 9 | 50
            Cancelled           | 70006 | cancelled | -      | PATIENT_HOLIDAY                | Patient away               | 000000070007 | 7 | 50
            TriageDeferral      | 70003 | proposed  | -      | TRIAGE                         | -                          | 000000070004 | 6 | 50110
            TriageResponse      | 70004 | proposed  | -      | RETURN_TO_REFERRER_WITH_ADVICE | Triage Response to referrer | 000000070005 | 8 | 50110
            """)
    void everyOfficialAppointmentIsRead(String file, String id, String status, String slotId, String reason, String comment,
                                        String ubrn, String referralVersion, String serviceId) {
        server.onFhir("GET", "/STU3/Appointment/" + id, 200, example("stu3/retrieveAppointment/responses/" + file + ".json"));

        AppointmentView appointment = client.retrieveAppointment(CALL, id);

        assertCommonHeaders(server.only("GET", "/STU3/Appointment/" + id), "REFERRING_CLINICIAN");
        assertThat(appointment.id()).isEqualTo(id);
        assertThat(appointment.version()).isEqualTo("5");
        assertThat(appointment.status()).isEqualTo(status);
        assertThat(appointment.slotId()).isEqualTo(slotId);
        assertThat(appointment.reason()).isEqualTo(reason);
        assertThat(appointment.comment()).isEqualTo(comment);
        assertThat(appointment.ubrn()).isEqualTo(ubrn);
        assertThat(appointment.referralVersion()).isEqualTo(referralVersion);
        assertThat(appointment.serviceId()).isEqualTo(serviceId);
        assertThat(appointment.nhsNumber()).isEqualTo("1000000001");
        assertThat(appointment.toString()).as("the patient stays out of log lines").doesNotContain("1000000001");
    }

    @Test
    void aBookedAppointmentHasItsTimes() {
        server.onFhir("GET", "/STU3/Appointment/70000", 200, example("stu3/retrieveAppointment/responses/BookedDBS.json"));

        AppointmentView booked = client.retrieveAppointment(CALL, "70000");

        assertThat(booked.start()).isEqualTo(OffsetDateTime.parse("2022-03-01T08:00:00.000Z"));
        assertThat(booked.end()).isEqualTo(OffsetDateTime.parse("2022-03-01T09:00:00.000Z"));
        assertThat(booked.serviceName()).isEqualTo("Direct SVC 1");
        assertThat(booked.clinician()).isNull();
    }

    @Test
    void theReferralNamesItsCurrentAppointment() {
        server.onFhir("GET", "/STU3/ReferralRequest/000000070001", 200,
                example("stu3/retrieveReferralRequest/responses/BookedDBS.json"));
        server.onFhir("GET", "/STU3/ReferralRequest/" + UBRN, 200,
                example("stu3/retrieveReferralRequest/responses/Unbooked.json"));

        assertThat(client.retrieveReferral(CALL, "000000070001").appointmentId()).isEqualTo("70009");
        assertThat(client.retrieveReferral(CALL, UBRN).appointmentId()).isNull();
    }

    // ---- A034 ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            MinimalCancellationReasonOnlyCommentNotMandatory | 70003 | 000000070004 | PATIENT_ILL                            | -
            CancellationReasonAndMandatoryComment            | 70004 | 000000070005 | PATIENT_APPOINTMENT_CANCELLATION_OTHER | Cancellation Comment
            """)
    void appointmentCancellationsAreTheOfficialRequestsWithTheAppointmentsVersion(String example, String id, String ubrn,
                                                                                String reason, String comment) {
        serveCodeSystem("APPOINTMENT-CANCELLATION-REASON", "AppointmentCancellationReasonCodeSystem.json");
        server.onFhir("PUT", "/STU3/Appointment/" + id, 200, example("stu3/updateAppointment/responses/" + example + ".json"));

        AppointmentView cancelled = client.cancelAppointment(CALL, new AppointmentCancellation(
                exampleAppointment(id, ubrn), reason, comment));

        ErsTestServer.Recorded request = server.only("PUT", "/STU3/Appointment/" + id);
        assertFhirRequest(request, "stu3/updateAppointment/requests/" + example + ".json", "REFERRING_CLINICIAN");
        assertThat(request.header("If-Match")).isEqualTo("W/\"1\"");
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.version()).isEqualTo("2");
        assertThat(cancelled.reason()).isEqualTo(reason);
        assertThat(cancelled.comment()).isEqualTo(comment);
        assertThat(cancelled.referralVersion()).isEqualTo("7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            CancellationInvalidReason               | 70006 | 000000070006 | INTEND_PRIVATE                         | Intend Private Comment | 'reason' The reason provided is not valid in this case
            CancellationReasonOnlyCommentMandatory  | 70005 | 000000070005 | PATIENT_APPOINTMENT_CANCELLATION_OTHER | -                      | 'comment' is missing.
            """)
    void refusedAppointmentCancellationsAreTheOfficialRequestsAndRejected(String example, String id, String ubrn,
                                                                         String reason, String comment, String diagnostics) {
        serveCodeSystem("APPOINTMENT-CANCELLATION-REASON", "AppointmentCancellationReasonCodeSystem.json");
        server.onFhir("PUT", "/STU3/Appointment/" + id, 422, example("stu3/updateAppointment/responses/" + example + ".json"));

        ErsException.Rejected refused = catchThrowableOfType(() -> client.cancelAppointment(CALL,
                new AppointmentCancellation(exampleAppointment(id, ubrn), reason, comment)), ErsException.Rejected.class);

        assertFhirRequest(server.only("PUT", "/STU3/Appointment/" + id), "stu3/updateAppointment/requests/" + example
                + ".json", "REFERRING_CLINICIAN");
        assertThat(refused.operationId()).isEqualTo("A034");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused).hasMessage(diagnostics);
    }

    @Test
    void aBookingWithANamedClinicianGoesBackWithTheClinician() {
        serveCodeSystem("APPOINTMENT-CANCELLATION-REASON", "AppointmentCancellationReasonCodeSystem.json");
        server.onFhir("PUT", "/STU3/Appointment/70003", 200,
                example("stu3/updateAppointment/responses/MinimalCancellationReasonOnlyCommentNotMandatory.json"));
        AppointmentView read = exampleAppointment("70003", "000000070004");
        AppointmentView withClinician = new AppointmentView(read.id(), read.version(), read.status(), read.slotId(),
                read.start(), read.end(), null, null, read.ubrn(), read.referralVersion(), read.serviceId(),
                read.serviceName(), read.nhsNumber(), "021600556514");

        client.cancelAppointment(CALL, new AppointmentCancellation(withClinician, "PATIENT_ILL", null));

        var participant = json(server.only("PUT", "/STU3/Appointment/70003").bodyText()).at("/participant/2");
        // participant.type is one object, as e-RS's appointment schema has it
        assertThat(participant.at("/type/coding/0/code").asText()).isEqualTo("CON");
        assertThat(participant.at("/actor/identifier/value").asText()).isEqualTo("021600556514");
    }

    @Test
    void aChangedAppointmentIsAConflictAndACancellationWithNoAnswerAnUnknownOutcome() {
        serveCodeSystem("APPOINTMENT-CANCELLATION-REASON", "AppointmentCancellationReasonCodeSystem.json");
        server.onFhir("PUT", "/STU3/Appointment/70003", 409, example("stu3/STU3-OperationOutcome.json"));
        AppointmentCancellation cancellation = new AppointmentCancellation(exampleAppointment("70003", "000000070004"),
                "PATIENT_ILL", null);

        assertThat(catchThrowableOfType(() -> client.cancelAppointment(CALL, cancellation), ErsException.Conflict.class)
                .operationId()).isEqualTo("A034");

        client = client("REFERRING_CLINICIAN", null, Duration.ofMillis(300));
        serveCodeSystem("APPOINTMENT-CANCELLATION-REASON", "AppointmentCancellationReasonCodeSystem.json");
        server.on("PUT", "/STU3/Appointment/70004", new ErsTestServer.Reply(200, java.util.Map.of(), new byte[0], 2_000));
        assertThat(catchThrowableOfType(() -> client.cancelAppointment(CALL, new AppointmentCancellation(
                exampleAppointment("70004", "000000070005"), "PATIENT_ILL", null)), ErsException.OutcomeUnknown.class)
                .operationId()).isEqualTo("A034");
    }

    /** The appointment of e-RS's A034 examples, as A038 would have read it before the cancellation. */
    private static AppointmentView exampleAppointment(String id, String ubrn) {
        return new AppointmentView(id, "1", "booked", null, null, null, null, null, ubrn, "6", "50", "Direct SVC 1",
                "1000000001", null);
    }

    // ---- ids from elsewhere never address another resource ----

    @Test
    void anIdThatIsNotOneIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.retrieveAppointment(CALL, "../ReferralRequest/000000070000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.retrieveAppointment(CALL, ".."))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.cancelAppointment(CALL, new AppointmentCancellation(
                exampleAppointment("70003/_history/1", UBRN), "PATIENT_ILL", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.availableActions(CALL, UBRN + "/_history/1&status=cancelled&x=", "6"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.availableActions(CALL, UBRN, "6&intent=order"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.changeShortlist(CALL, new ShortlistChange("%2e%2e", "2", HEART_FAILURE,
                List.of("11002"), true))).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }
}
