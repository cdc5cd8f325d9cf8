package org.ersreferral.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.ersreferral.conformance.Scenario.ScenarioFailure;
import org.ersreferral.ers.AppointmentCancellation;
import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.AppointmentView;
import org.ersreferral.ers.AvailableAction;
import org.ersreferral.ers.Cancellation;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.ers.LetterAttachment;
import org.ersreferral.ers.LetterFile;
import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.PatientLetter;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.ServiceOption;
import org.ersreferral.ers.ServiceSearch;
import org.ersreferral.ers.ShortlistChange;
import org.ersreferral.ers.Slot;
import org.ersreferral.ers.SlotPage;
import org.ersreferral.ers.SlotQuery;
import org.ersreferral.ers.WorklistItem;
import org.ersreferral.ers.WorklistType;

/**
 * The referrer flow as one scenario per official e-RS example, in the order a referral lives, so a
 * stateful server (the simulator, e-RS integration) can follow it: the UBRNs, versions, files and
 * slots it hands out feed the later steps. The domain inputs are those that make the production
 * client send exactly the official example request (see FeignErsClientRequestTest); the examples
 * themselves are not shipped.
 *
 * <p>With {@code fixedIds} (the stateless NHS sandbox, which answers only its examples) the later
 * steps use the examples' own UBRNs, versions, files and slots instead, and the set-up calls a
 * stateful server needs (a fresh referral per booking or cancellation) are left out.
 */
final class ReferrerScenarios {

    static final String NHS_NUMBER = "9912003888";
    static final String CLINICIAN = ConformanceOptions.EXAMPLE_REFERRING_CLINICIAN;
    /** The UBRN and versions the official examples use. */
    static final String EXAMPLE_UBRN = "000000070000";
    static final String EXAMPLE_LETTER_VERSION = "4";
    static final String EXAMPLE_APPOINTMENT_VERSION = "6";
    static final String EXAMPLE_CANCEL_VERSION = "3";
    static final String EXAMPLE_BINARY = "Binary/50f0c0d5-7ed1-4587-8fce-889c8685eb54";
    static final String EXAMPLE_FIRST_BINARY = "Binary/e1015896-92f4-4073-ad3c-5f30fca76448";
    static final String EXAMPLE_SECOND_UBRN = "000000070001";

    private static final ServiceSearch HEART_FAILURE = new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY",
            "HEART_FAILURE", null, null, null, false, null, null, null, null);
    private static final Instant PATHWAY_START = Instant.parse("2024-05-01T09:55:00Z");
    private static final String CANCEL_COMMENT = "This is a cancellation reason comment";
    private static final ServiceSearch ROUTINE_HEART_FAILURE = new ServiceSearch(NHS_NUMBER, "ROUTINE", "CARDIOLOGY",
            "HEART_FAILURE", null, null, null, false, null, null, null, null);

    private final ErsClient clinician;
    private final ErsClient admin;
    private final boolean fixedIds;

    /** What the stateful steps hand on. */
    private Referral main;
    private String uploadedUrl;
    private Referral booked;
    private Referral bookedWithClinician;
    private Referral deferred;
    private String bookedSlotId;
    /** The appointments the A016 steps made, read (A038) and cancelled (A034) by the follow-up steps. */
    private String bookedAppointmentId;
    private String bookedWithClinicianAppointmentId;
    private String deferredAppointmentId;
    private String triageAppointmentId;
    private String cancelledAppointmentId;
    /** A booking of its own whose appointment the A034 steps cancel. */
    private String appointmentToCancel;

    ReferrerScenarios(ErsClient clinician, ErsClient admin, boolean fixedIds) {
        this.clinician = clinician;
        this.admin = admin;
        this.fixedIds = fixedIds;
    }

    /** A referral a later step works on; its version moves on with every change. */
    static final class Referral {
        final String ubrn;
        String version;

        Referral(String ubrn, String version) {
            this.ubrn = ubrn;
            this.version = version;
        }
    }

    List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        roles(all);
        codeSystems(all);
        serviceSearches(all);
        createReferrals(all);
        letters(all);
        readUnbooked(all);
        slots(all);
        appointments(all);
        readsAfterAppointments(all);
        all.add(new Scenario("A019", "stu3/generatePatientLetter/responses/"
                + "000000070000_Appointment_Confirmation_Summary_20210603121353.pdf", this::patientLetter));
        FollowUpScenarios followUps = new FollowUpScenarios();
        followUps.worklists(all);
        followUps.actions(all);
        followUps.appointmentReads(all);
        followUps.shortlistChanges(all);
        followUps.appointmentCancellations(all);
        cancellations(all);
        return all;
    }

    // ---- A030, A004 ----

    private void roles(List<Scenario> all) {
        all.add(new Scenario("A030", "r4/retrieveBusinessFunctions/responses/PractitionerRoleBundle.json", () -> {
            List<ErsRole> roles = clinician.retrieveRoles(call("A030"));
            check(!roles.isEmpty(), "no roles in the PractitionerRole bundle");
            for (ErsRole role : roles) {
                check(notBlank(role.businessFunction()) && notBlank(role.odsCode()),
                        "a role without business function or organisation: " + role);
            }
        }));
    }

    private void codeSystems(List<Scenario> all) {
        codeSystem(all, "SPECIALTY", "SpecialtyCodeSystem", null);
        codeSystem(all, "CLINIC-TYPE", "ClinicTypeCodeSystem", null);
        codeSystem(all, "PRIORITY", "PriorityCodeSystem", "URGENT");
        codeSystem(all, "REFERRAL-CANCELLATION-REASON", "ReferralCancellationReasonCodeSystem", "RAISED_IN_ERROR");
    }

    private void codeSystem(List<Scenario> all, String type, String example, String expectedCode) {
        all.add(new Scenario("A004", "stu3/getCodeSystem/responses/" + example + ".json", () -> {
            CodeSystemView view = clinician.retrieveCodeSystem(call("A004"), type);
            check(view.url() != null && view.url().endsWith("/CodeSystem/" + type),
                    "code system url '" + view.url() + "' does not end with /CodeSystem/" + type);
            check(!view.concepts().isEmpty(), "no concepts in use");
            check(expectedCode == null || view.contains(expectedCode), "no concept " + expectedCode);
        }));
    }

    // ---- A010 ----

    private void serviceSearches(List<Scenario> all) {
        search(all, "RcMinimal", clinician, new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT",
                null, null, null));
        search(all, "RcSearchByNamedClinician", clinician, new ServiceSearch(NHS_NUMBER, "URGENT", null, null, null,
                CLINICIAN, null));
        search(all, "RcaWithIWT", admin, new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT", null,
                null, null, true, 15, null, null, null));
        search(all, "RcSearchByClinicalTerm", admin, new ServiceSearch(NHS_NUMBER, "URGENT", null, null, "1003", null,
                "BR1 1AB", true, 15, 23, "IWT", "R69"));
        search(all, "RcSearchForAdviceService", clinician, new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY",
                "LIPID_MANAGEMENT", null, null, null, true, null, null, null, null, ServiceSearch.ADVICE_AND_GUIDANCE_REQUEST,
                null));
        search(all, "RcSearchWithCommissioningRuleOrganisation", clinician, new ServiceSearch(NHS_NUMBER, "URGENT",
                "CARDIOLOGY", "LIPID_MANAGEMENT", null, null, null, true, null, null, null, null, null, "R69"));
    }

    private void search(List<Scenario> all, String example, ErsClient client, ServiceSearch search) {
        all.add(new Scenario("A010", "stu3/patientServiceSearch/requests/" + example + ".json", () -> {
            List<ServiceOption> services = client.searchServices(call("A010"), search);
            for (ServiceOption service : services) {
                check(notBlank(service.id()), "a service without id");
            }
        }));
    }

    // ---- A011, A021 ----

    private void createReferrals(List<Scenario> all) {
        all.add(new Scenario("A011", "stu3/createReferral/requests/MinimalRequest.json", () ->
                main = created(clinician.createReferral(call("A011"), new NewReferral(NHS_NUMBER, HEART_FAILURE,
                        List.of("11002"), true, PATHWAY_START, 0)))));
        all.add(new Scenario("A011", "stu3/createReferral/requests/MinimalRequestWithReferringClinician.json", () ->
                created(admin.createReferral(call("A011"), new NewReferral(NHS_NUMBER, HEART_FAILURE, List.of("11002"),
                        true, PATHWAY_START, 0)))));
        all.add(new Scenario("A011", "stu3/createReferral/requests/RequestMixedShortlist.json", () ->
                created(clinician.createReferral(call("A011"), new NewReferral(NHS_NUMBER, HEART_FAILURE,
                        List.of("11002", "51002"), true)))));
        all.add(new Scenario("A011", "stu3/createReferral/requests/RequestTwentyServices.json", () -> {
            ServiceSearch everything = new ServiceSearch(NHS_NUMBER, "ROUTINE", "CARDIOLOGY", "HEART_FAILURE", "1003",
                    CLINICIAN, "LS1 2UT", true, 50, 123, null, "R69");
            List<String> twenty = IntStream.range(12000, 12020).mapToObj(String::valueOf).toList();
            created(clinician.createReferral(call("A011"), new NewReferral(NHS_NUMBER, everything, twenty, true,
                    PATHWAY_START, 0)));
        }));
        all.add(new Scenario("A021", "stu3/createReferralAndSendForTriage/requests/Parameters.json", () -> {
            ServiceSearch routine = new ServiceSearch(NHS_NUMBER, "ROUTINE", "CARDIOLOGY", "HEART_FAILURE", null, null,
                    null, false, null, null, null, null);
            Referral triage = created(clinician.createReferralAndSendForTriage(call("A021"),
                    new NewReferral(NHS_NUMBER, routine, List.of("11004"), true)));
            expectState(triage, "AWAITING_TRIAGE");
        }));
        all.add(new Scenario("A021", "stu3/createReferralAndSendForTriage/requests/ParametersWithNamedClinician.json",
                () -> {
                    ServiceSearch byClinician = new ServiceSearch(NHS_NUMBER, "ROUTINE", null, null, "1003", CLINICIAN,
                            null);
                    Referral triage = created(admin.createReferralAndSendForTriage(call("A021"),
                            new NewReferral(NHS_NUMBER, byClinician, List.of("11004"), true)));
                    expectState(triage, "AWAITING_TRIAGE");
                }));
    }

    private static Referral created(ReferralCreated created) {
        check(created.ubrn() != null && created.ubrn().matches("\\d{12}"), "UBRN '" + created.ubrn()
                + "' is not 12 digits");
        check(notBlank(created.version()), "no referral version");
        return new Referral(created.ubrn(), created.version());
    }

    // ---- A020, A012 ----

    private void letters(List<Scenario> all) {
        all.add(new Scenario("A020", "stu3/uploadFileToDocumentStore/requests/upload.txt",
                "the file's bytes are the runner's own text, not the example file (which is not shipped)", () -> {
            String ubrn = fixedIds ? EXAMPLE_UBRN : need(main, "A011 createReferral/MinimalRequest").ubrn;
            uploadedUrl = upload(ubrn, "upload.txt");
        }));
        all.add(new Scenario("A012", "stu3/maintainReferralLetter/requests/SingleDocumentReference.json", () -> {
            Referral referral = fixedIds ? new Referral(EXAMPLE_UBRN, EXAMPLE_LETTER_VERSION)
                    : need(main, "A011 createReferral/MinimalRequest");
            String url = fixedIds ? EXAMPLE_BINARY : need(uploadedUrl, "A020 uploadFileToDocumentStore/upload");
            maintainLetter(referral, List.of(new LetterAttachment(url, "upload.txt", "text/plain", 0,
                    "Blood test results showing an anomaly in the values of xxxx",
                    Instant.parse("2021-06-24T13:05:03.652Z"))));
        }));
        all.add(new Scenario("A012", "stu3/maintainReferralLetter/requests/MultipleDocumentReferences.json", () -> {
            Referral referral = fixedIds ? new Referral(EXAMPLE_SECOND_UBRN, EXAMPLE_LETTER_VERSION)
                    : need(main, "A011 createReferral/MinimalRequest");
            String first = fixedIds ? EXAMPLE_FIRST_BINARY : upload(referral.ubrn, "first.txt");
            String second = fixedIds ? EXAMPLE_BINARY : upload(referral.ubrn, "second.txt");
            maintainLetter(referral, List.of(
                    new LetterAttachment(first, "first.txt", "text/plain", 0,
                            "First blood test results showing an anomaly in the values of xxxx",
                            Instant.parse("2021-06-24T13:22:13.311Z")),
                    new LetterAttachment(second, "second.txt", "text/plain", 0,
                            "Second blood test results showing an anomaly in the values of xxxx",
                            Instant.parse("2021-06-24T13:22:13.465Z"))));
        }));
        all.add(new Scenario("A012", "stu3/maintainReferralLetter/requests/UpdateClinicalInfo.json", () -> {
            Referral referral = fixedIds ? new Referral(EXAMPLE_UBRN, EXAMPLE_LETTER_VERSION)
                    : need(main, "A011 createReferral/MinimalRequest");
            String url = fixedIds ? EXAMPLE_BINARY : need(uploadedUrl, "A020 uploadFileToDocumentStore/upload");
            maintainLetter(referral, List.of(new LetterAttachment(url, "upload.txt", "text/plain", 0,
                    "Second blood test results showing an anomaly in the values of xxxx",
                    Instant.parse("2021-06-24T13:22:13.465Z"))));
        }));
    }

    private String upload(String ubrn, String fileName) {
        byte[] content = ("e-RS conformance runner: a referral letter file (" + fileName + ")\n")
                .getBytes(StandardCharsets.UTF_8);
        String url = clinician.uploadFile(call("A020"), ubrn, new LetterFile(fileName, "text/plain", content));
        check(url != null && url.matches("Binary/[^/]+"), "attachment url '" + url + "' is not Binary/<id>");
        return url;
    }

    private void maintainLetter(Referral referral, List<LetterAttachment> attachments) {
        String version = clinician.maintainReferralLetter(call("A012"), referral.ubrn, referral.version, attachments);
        check(notBlank(version), "no new referral version");
        check(fixedIds || !version.equals(referral.version), "the referral version stayed " + version);
        referral.version = version;
    }

    // ---- A005 ----

    private void readUnbooked(List<Scenario> all) {
        all.add(new Scenario("A005", "stu3/retrieveReferralRequest/responses/Unbooked.json", () -> {
            if (fixedIds) {
                read(EXAMPLE_UBRN, "NOT_BOOKED");
                return;
            }
            Referral referral = need(main, "A011 createReferral/MinimalRequest");
            ReferralState state = read(referral.ubrn, "NOT_BOOKED");
            check(state.shortlist().contains("11002"), "shortlist " + state.shortlist() + " lacks 11002");
            check(state.version().equals(referral.version), "version " + state.version() + ", expected "
                    + referral.version + " after the letter");
        }));
    }

    private void readsAfterAppointments(List<Scenario> all) {
        all.add(new Scenario("A005", "stu3/retrieveReferralRequest/responses/BookedDBS.json", () ->
                read(fixedIds ? "000000070001" : need(booked, "A016 bookOrDeferAppointment/MinimalBooking").ubrn,
                        "BOOKED")));
        all.add(new Scenario("A005", "stu3/retrieveReferralRequest/responses/DeferredToProvider.json", () ->
                read(fixedIds ? "000000070003" : need(deferred, "A016 bookOrDeferAppointment/MinimalDeferral").ubrn,
                        "DEFERRED_TO_PROVIDER")));
        if (!fixedIds) {
            return;
        }
        // States only a provider or another flow can bring about: the sandbox has them as examples.
        fixedRead(all, "BookedIBS", "000000070002", "BOOKED");
        fixedRead(all, "WithRelatedReferral", "000000070005", "BOOKED");
        fixedRead(all, "WithAdditionalRequirements", "000000070011", "BOOKED");
        fixedRead(all, "WithUnavailableAttachments", "000000070012", "NOT_BOOKED");
        fixedRead(all, "ConvertedFromAdviceAndGuidance", "000000070004", "TRIAGED_PROVIDER_TO_ACTION");
    }

    private void fixedRead(List<Scenario> all, String example, String ubrn, String status) {
        all.add(new Scenario("A005", "stu3/retrieveReferralRequest/responses/" + example + ".json",
                () -> read(ubrn, status)));
    }

    private ReferralState read(String ubrn, String expectedStatus) {
        ReferralState state = clinician.retrieveReferral(call("A005"), ubrn);
        check(ubrn.equals(state.ubrn()), "asked for " + ubrn + ", got " + state.ubrn());
        check(expectedStatus.equals(state.status()), "state " + state.status() + ", expected " + expectedStatus);
        check(notBlank(state.version()), "no version");
        return state;
    }

    /** Stateful servers only: the referral's state after a change, and its new version for the next step. */
    private void expectState(Referral referral, String status) {
        if (fixedIds) {
            return;
        }
        referral.version = read(referral.ubrn, status).version();
    }

    // ---- A015 ----

    private void slots(List<Scenario> all) {
        all.add(new Scenario("A015", "stu3/retrieveAppointmentSlots/responses/Minimum.json", () ->
                slotPage(new SlotQuery("12000", "ROUTINE", 20, 1), 1, false)));
        all.add(new Scenario("A015", "stu3/retrieveAppointmentSlots/responses/Page1PageSize5.json", () -> {
            SlotPage page = slotPage(new SlotQuery("11000", "ROUTINE", 5, 1), 5, true);
            check(page.slots().size() == 5, page.slots().size() + " slots on a full page of 5");
        }));
        all.add(new Scenario("A015", "stu3/retrieveAppointmentSlots/responses/Page2PageSize5.json", () ->
                slotPage(new SlotQuery("11000", "ROUTINE", 5, 2), 1, false)));
        // The sandbox's service without slots is 10000; the simulator's is 11021 (the example deferral's).
        all.add(new Scenario("A015", "stu3/retrieveAppointmentSlots/responses/NoSlots.json", () -> {
            SlotPage page = clinician.retrieveSlots(call("A015"),
                    new SlotQuery(fixedIds ? "10000" : "11021", "ROUTINE", 20, 1));
            check(page.slots().isEmpty() && !page.morePages(), page.slots().size() + " slots, expected none");
        }));
        // A named clinician's slots: the sandbox's example service, or the simulator's service with one.
        all.add(new Scenario("A015", "stu3/retrieveAppointmentSlots/responses/SlotClinicianSearch.json", () ->
                slotPage(fixedIds ? new SlotQuery("14000", "ROUTINE", 5, 1, "921600556514")
                        : new SlotQuery("11008", "ROUTINE", 5, 1, CLINICIAN), 1, false)));
        if (fixedIds) {
            all.add(new Scenario("A015", "stu3/retrieveAppointmentSlots/responses/Page1With2Schedules.json", () ->
                    slotPage(new SlotQuery("13000", "ROUTINE", 5, 1), 1, false)));
        }
        // Past the last page: page 5 of 12 slots in the sandbox; far past the simulator's slots.
        all.add(new Scenario("A015", "stu3/retrieveAppointmentSlots/responses/ErrorPage5.json", () -> {
            try {
                SlotPage page = clinician.retrieveSlots(call("A015"), new SlotQuery("11000", "ROUTINE", 5,
                        fixedIds ? 5 : 1000));
                throw new ScenarioFailure("a page past the last one answered " + page.slots().size()
                        + " slots instead of an error");
            } catch (ErsException.Rejected expected) {
                check(expected.status() == 400 || expected.status() == 422, "HTTP " + expected.status()
                        + ", expected 400");
            }
        }));
    }

    private SlotPage slotPage(SlotQuery query, int atLeast, boolean morePages) {
        SlotPage page = clinician.retrieveSlots(call("A015"), query);
        check(page.slots().size() >= atLeast, page.slots().size() + " free slots, expected at least " + atLeast);
        check(!morePages || page.morePages(), "no next page");
        for (Slot slot : page.slots()) {
            check(notBlank(slot.id()) && slot.start() != null && slot.end() != null && slot.start().isBefore(slot.end()),
                    "slot without id or with a bad time: " + slot);
        }
        return page;
    }

    // ---- A016 ----

    private void appointments(List<Scenario> all) {
        all.add(new Scenario("A016", "stu3/bookOrDeferAppointment/requests/MinimalBooking.json", () -> {
            Referral referral = referralFor("11000", HEART_FAILURE);
            Slot slot = fixedIds ? new Slot("11000021", OffsetDateTime.parse("2022-07-11T12:00:00Z"),
                    OffsetDateTime.parse("2022-07-11T13:00:00Z"), null, null) : firstFreeSlot("11000", "URGENT");
            bookedAppointmentId = appointment(new AppointmentRequest(AppointmentRequest.Kind.BOOK, referral.ubrn,
                    referral.version, "11000", NHS_NUMBER, slot.id(), slot.start(), slot.end(), null), "booked");
            expectState(referral, "BOOKED");
            booked = referral;
            bookedSlotId = slot.id();
        }));
        all.add(new Scenario("A016", "stu3/bookOrDeferAppointment/requests/BookingWithNamedClinician.json", () -> {
            Referral referral = referralFor("11008", HEART_FAILURE);
            Slot slot = fixedIds ? new Slot("11008006", OffsetDateTime.parse("2022-07-11T13:15:00Z"),
                    OffsetDateTime.parse("2022-07-11T14:15:00Z"), null, CLINICIAN) : firstFreeSlot("11008", "URGENT");
            check(slot.clinician() != null, "slot " + slot.id() + " of 11008 has no named clinician");
            bookedWithClinicianAppointmentId = appointment(new AppointmentRequest(AppointmentRequest.Kind.BOOK,
                    referral.ubrn, referral.version, "11008", NHS_NUMBER, slot.id(), slot.start(), slot.end(), null,
                    slot.clinician()), "booked");
            expectState(referral, "BOOKED");
            bookedWithClinician = referral;
        }));
        all.add(new Scenario("A016", "stu3/bookOrDeferAppointment/requests/MinimalDeferral.json", () -> {
            Referral referral = referralFor("11021", HEART_FAILURE);
            deferredAppointmentId = appointment(new AppointmentRequest(AppointmentRequest.Kind.DEFER_NO_SLOTS,
                    referral.ubrn, referral.version, "11021", NHS_NUMBER, null, null, null, "There are no slots"),
                    "proposed");
            expectState(referral, "DEFERRED_TO_PROVIDER");
            deferred = referral;
        }));
        all.add(new Scenario("A016", "stu3/bookOrDeferAppointment/requests/DeferralWithSlotReference.json", () -> {
            // The slot must be gone: against a stateful server, the one MinimalBooking took.
            String slotId = fixedIds ? "11000022" : need(bookedSlotId, "A016 bookOrDeferAppointment/MinimalBooking");
            Referral referral = referralFor("11000", HEART_FAILURE);
            appointment(new AppointmentRequest(AppointmentRequest.Kind.DEFER_SLOT_NOT_AVAILABLE, referral.ubrn,
                    referral.version, "11000", NHS_NUMBER, slotId, null, null, "Patient can only attend at 3pm"),
                    "proposed");
            expectState(referral, "DEFERRED_TO_PROVIDER");
        }));
        all.add(new Scenario("A016", "stu3/bookOrDeferAppointment/requests/DeferralBookingAttemptProblem.json", () -> {
            Referral referral = referralFor("11000", HEART_FAILURE);
            appointment(new AppointmentRequest(AppointmentRequest.Kind.DEFER_BOOKING_ATTEMPT_PROBLEM, referral.ubrn,
                    referral.version, "11000", NHS_NUMBER, null, null, null, "Booking failed"), "proposed");
            expectState(referral, "DEFERRED_TO_PROVIDER");
        }));
        all.add(new Scenario("A016", "stu3/bookOrDeferAppointment/requests/TriageDeferral.json", () -> {
            Referral referral = referralFor("50001", new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY", "CHEST_PAIN",
                    null, null, null, false, null, null, null, null));
            triageAppointmentId = appointment(new AppointmentRequest(AppointmentRequest.Kind.TRIAGE, referral.ubrn,
                    referral.version, "50001", NHS_NUMBER, null, null, null, null), "proposed");
            expectState(referral, "AWAITING_TRIAGE");
        }));
    }

    /**
     * A NOT_BOOKED referral with this one service shortlisted: the example's own against the sandbox,
     * else a fresh one (A011 as set-up).
     */
    private Referral referralFor(String serviceId, ServiceSearch search) {
        if (fixedIds) {
            return new Referral(EXAMPLE_UBRN, EXAMPLE_APPOINTMENT_VERSION);
        }
        return created(clinician.createReferral(call("A011"), new NewReferral(NHS_NUMBER, search, List.of(serviceId),
                true)));
    }

    private Slot firstFreeSlot(String serviceId, String priority) {
        SlotPage page = clinician.retrieveSlots(call("A015"), new SlotQuery(serviceId, priority, 5, 1));
        check(!page.slots().isEmpty(), "service " + serviceId + " has no free " + priority + " slot to book");
        return page.slots().get(0);
    }

    /** Returns the appointment's id. */
    private String appointment(AppointmentRequest request, String expectedStatus) {
        AppointmentResult result = clinician.bookOrDefer(call("A016"), request);
        check(notBlank(result.appointmentId()), "no appointment id");
        check(expectedStatus.equals(result.status()), "appointment " + result.status() + ", expected "
                + expectedStatus);
        return result.appointmentId();
    }

    // ---- A019 ----

    private void patientLetter() {
        String ubrn = fixedIds ? EXAMPLE_UBRN : need(booked, "A016 bookOrDeferAppointment/MinimalBooking").ubrn;
        PatientLetter letter = clinician.generatePatientLetter(call("A019"), ubrn);
        byte[] pdf = letter.pdf();
        check(pdf != null && pdf.length > 4 && new String(pdf, 0, 4, StandardCharsets.US_ASCII).equals("%PDF"),
                "the patient letter is not a PDF");
        check(letter.fileName() != null && letter.fileName().endsWith(".pdf"), "file name " + letter.fileName());
    }

    // ---- A008, A029, A038, A031, A032, A034: following a sent referral ----

    /** The follow-up operations, on the referrals the steps above left (fresh ones where a step changes them). */
    private final class FollowUpScenarios {

        private static final String WORKLIST = "stu3/retrieveWorklist/requests/";
        private static final String ACTIONS = "stu3/availableActionsForUserList/";
        private static final String APPOINTMENT = "stu3/retrieveAppointment/responses/";
        private static final String VERSION = "6";

        void worklists(List<Scenario> all) {
            worklist(all, "MinimalAwaitingBooking", WorklistType.AWAITING_BOOKING, items -> {
                if (fixedIds) {
                    // the example spells it APP_CANCELLED_BY_PATIENT
                    check(items.stream().anyMatch(i -> i.status() == ReferralStatus.APPT_CANCELLED_BY_PATIENT),
                            "no item with the patient's appointment cancelled");
                } else {
                    Referral unbooked = need(main, "A011 createReferral/MinimalRequest");
                    check(items.stream().anyMatch(i -> unbooked.ubrn.equals(i.ubrn())
                            && i.status() == ReferralStatus.NOT_BOOKED), "referral " + unbooked.ubrn
                            + " is not on the list as NOT_BOOKED");
                }
                check(items.stream().allMatch(i -> i.status() != null), "an item without its state");
            });
            worklist(all, "MinimalLettersOutstanding", WorklistType.LETTERS_OUTSTANDING, items -> {
                check(!items.isEmpty(), "no referral waits for its letter");
                check(items.stream().allMatch(i -> i.letterDue() != null), "an item without the day its letter is due");
                if (!fixedIds) {
                    Referral withoutLetter = need(booked, "A016 bookOrDeferAppointment/MinimalBooking");
                    check(items.stream().anyMatch(i -> withoutLetter.ubrn.equals(i.ubrn())), "referral "
                            + withoutLetter.ubrn + ", created with its letter to follow, is not on the list");
                }
            });
            worklist(all, "MinimalRejectedTriageResponse", WorklistType.REJECTED_TRIAGE_RESPONSE, items ->
                    check(items.stream().allMatch(i -> i.status() == ReferralStatus.REJECTED
                            || i.status() == ReferralStatus.TRIAGE_RESPONSE), "an item neither rejected nor answered"));
            worklist(all, "MinimalAssessmentReturnedCancelledDna", WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA, items ->
                    check(items.stream().allMatch(i -> i.status() != null), "an item without its state"));
        }

        private void worklist(List<Scenario> all, String example, WorklistType type, Consumer<List<WorklistItem>> expect) {
            all.add(new Scenario("A008", WORKLIST + example + ".json", () -> {
                List<WorklistItem> items = clinician.fetchWorklist(call("A008"), type);
                check(!fixedIds || !items.isEmpty(), "an empty list");
                for (WorklistItem item : items) {
                    check(item.ubrn() != null && item.ubrn().matches("\\d{12}"), "item UBRN '" + item.ubrn()
                            + "' is not 12 digits");
                }
                expect.accept(items);
            }));
        }

        void actions(List<Scenario> all) {
            // The sandbox's examples each name their own referral; against a stateful server the unbooked
            // (main) and booked referrals offer these, a cancelled one none.
            action(all, "WithCreateAppointment", "000000070002", AvailableAction.CREATE_APPOINTMENT, this::unbooked);
            action(all, "WithChangeShortlist", "000000070003", AvailableAction.CHANGE_SHORTLIST, this::unbooked);
            action(all, "WithChangeShortlistAndSendForTriage", "000000070004",
                    AvailableAction.CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE, this::unbooked);
            action(all, "WithCancelReferral", "000000070005", AvailableAction.CANCEL_REFERRAL, this::unbooked);
            action(all, "WithCancelDBAppointment", "000000070006", AvailableAction.CANCEL_DIRECTLY_BOOKED_APPOINTMENT,
                    () -> need(booked, "A016 bookOrDeferAppointment/MinimalBooking"));
            action(all, "Empty", "000000070000", null, () -> {
                Referral referral = referralFor("11002", HEART_FAILURE);
                ReferralState cancelled = clinician.cancelReferral(call("A036"), new Cancellation(referral.ubrn,
                        referral.version, "RAISED_IN_ERROR", CANCEL_COMMENT));
                referral.version = cancelled.version();
                return referral;
            });
            if (fixedIds) {
                // a provider's action: a referrer is never offered it
                action(all, "WithRecordReviewOutcome", "000000070001", AvailableAction.RECORD_REVIEW_OUTCOME, null);
            }
        }

        private Referral unbooked() {
            return need(main, "A011 createReferral/MinimalRequest");
        }

        private void action(List<Scenario> all, String example, String exampleUbrn, AvailableAction expected,
                            Supplier<Referral> stateful) {
            all.add(new Scenario("A029", ACTIONS + example + ".json", () -> {
                Referral referral = fixedIds ? new Referral(exampleUbrn, VERSION) : stateful.get();
                Set<AvailableAction> actions = clinician.availableActions(call("A029"), referral.ubrn, referral.version);
                if (expected == null) {
                    check(actions.isEmpty(), "actions " + actions + " offered, expected none");
                } else if (fixedIds) {
                    check(actions.equals(EnumSet.of(expected)), "actions " + actions + ", expected " + expected);
                } else {
                    check(actions.contains(expected), "actions " + actions + " lack " + expected);
                }
            }));
        }

        void appointmentReads(List<Scenario> all) {
            read(all, "BookedDBS", "70000", () -> need(bookedAppointmentId, "A016 bookOrDeferAppointment/MinimalBooking"),
                    "booked", null);
            read(all, "AppointmentDeferral", "70002", () -> need(deferredAppointmentId,
                    "A016 bookOrDeferAppointment/MinimalDeferral"), "proposed", "NO_SLOTS_AT_SERVICE");
            read(all, "TriageDeferral", "70003", () -> need(triageAppointmentId,
                    "A016 bookOrDeferAppointment/TriageDeferral"), "proposed", "TRIAGE");
            if (fixedIds) {
                // Appointments only a provider or another flow can bring about: the sandbox has them as examples.
                read(all, "BookedIBS", "70001", null, "booked", null);
                read(all, "CAAL", "70005", null, "proposed", "CANCEL_APPOINTMENT_ACTION_LATER");
                read(all, "TriageResponse", "70004", null, "proposed", "RETURN_TO_REFERRER_WITH_ADVICE");
                read(all, "AandGConvertedToDBS", "70007", null, "booked", null);
            }
        }

        private void read(List<Scenario> all, String example, String exampleId, Supplier<String> stateful, String status,
                          String reason) {
            all.add(new Scenario("A038", APPOINTMENT + example + ".json", () -> {
                String id = fixedIds ? exampleId : stateful.get();
                AppointmentView appointment = clinician.retrieveAppointment(call("A038"), id);
                check(id.equals(appointment.id()), "asked for appointment " + id + ", got " + appointment.id());
                check(notBlank(appointment.version()), "no appointment version");
                check(status.equals(appointment.status()), "appointment " + appointment.status() + ", expected " + status);
                check(reason == null || reason.equals(appointment.reason()), "reason " + appointment.reason()
                        + ", expected " + reason);
                check(!"booked".equals(status) || appointment.start() != null, "a booked appointment without its start");
                check(appointment.ubrn() != null && appointment.ubrn().matches("\\d{12}") && notBlank(appointment.serviceId()),
                        "an appointment without its referral or service");
            }));
        }

        void shortlistChanges(List<Scenario> all) {
            change(all, "UnbookedReferral", HEART_FAILURE, List.of("11002"), true, 0, null, null);
            change(all, "UnbookedReferralMixedShortlist", HEART_FAILURE, List.of("11002", "51002"), true, 0, null, null);
            // Five services: the example's own against the sandbox, five the simulator has otherwise.
            change(all, "UnbookedReferralMultipleServices", HEART_FAILURE, fixedIds
                    ? List.of("11000", "11001", "11002", "11003", "11008")
                    : List.of("11000", "11002", "11008", "11021", "51002"), true, 0, null, null);
            // The referral with a letter (main); the example's 11004 is the simulator's triage service, which
            // may only stand alone, so a stateful server gets two bookable services instead.
            change(all, "NonMixedShortlistWithDocument", ROUTINE_HEART_FAILURE,
                    fixedIds ? List.of("11004", "11002") : List.of("11000", "11002"), false, 1,
                    "ALL_AVAILABLE_FOR_BOOKING", this::unbooked);
            all.add(new Scenario("A032", "stu3/changeShortlistAndSendForTriage/requests/MinimalRequest.json", () -> {
                Referral referral = fixedIds ? new Referral(EXAMPLE_UBRN, "2") : referralFor("11002", HEART_FAILURE);
                ReferralState state = clinician.changeShortlistAndSendForTriage(call("A032"), new ShortlistChange(
                        referral.ubrn, referral.version, ROUTINE_HEART_FAILURE, List.of("11004"), false));
                check(state.referralStatus() == ReferralStatus.AWAITING_TRIAGE, "state " + state.status()
                        + ", expected AWAITING_TRIAGE");
                check(state.shortlist().equals(List.of("11004")), "shortlist " + state.shortlist());
                check(notBlank(state.appointmentId()), "no triage appointment");
                check(fixedIds || !state.version().equals(referral.version), "the referral version stayed " + state.version());
                referral.version = state.version();
            }));
        }

        private void change(List<Scenario> all, String example, ServiceSearch search, List<String> shortlist,
                            boolean letterToFollow, int reminderDays, String commissioningProvisioning,
                            Supplier<Referral> earlier) {
            all.add(new Scenario("A031", "stu3/changeShortlist/requests/" + example + ".json", () -> {
                Referral referral = fixedIds ? new Referral(EXAMPLE_UBRN, "2")
                        : earlier != null ? earlier.get() : referralFor("11002", HEART_FAILURE);
                ReferralState state = clinician.changeShortlist(call("A031"), new ShortlistChange(referral.ubrn,
                        referral.version, search, shortlist, letterToFollow, reminderDays, commissioningProvisioning));
                check(state.referralStatus() == ReferralStatus.NOT_BOOKED, "state " + state.status()
                        + ", expected NOT_BOOKED");
                check(state.shortlist().equals(shortlist), "shortlist " + state.shortlist() + ", expected " + shortlist);
                check(fixedIds || !state.version().equals(referral.version), "the referral version stayed " + state.version());
                referral.version = state.version();
            }));
        }

        void appointmentCancellations(List<Scenario> all) {
            // Refused first, so that one booking serves them and the minimal cancellation after them.
            cancelAppointment(all, "CancellationInvalidReason", "70006", "000000070006", "INTEND_PRIVATE",
                    "Intend Private Comment", "'reason'", this::bookingToCancel);
            cancelAppointment(all, "CancellationReasonOnlyCommentMandatory", "70005", "000000070005",
                    "PATIENT_APPOINTMENT_CANCELLATION_OTHER", null, "'comment'", this::bookingToCancel);
            cancelAppointment(all, "MinimalCancellationReasonOnlyCommentNotMandatory", "70003", "000000070004",
                    "PATIENT_ILL", null, null, this::bookingToCancel);
            cancelAppointment(all, "CancellationReasonAndMandatoryComment", "70004", "000000070005",
                    "PATIENT_APPOINTMENT_CANCELLATION_OTHER", "Cancellation Comment", null,
                    () -> need(bookedWithClinicianAppointmentId, "A016 bookOrDeferAppointment/BookingWithNamedClinician"));
            read(all, "Cancelled", "70006", () -> need(cancelledAppointmentId,
                    "A034 updateAppointment/MinimalCancellationReasonOnlyCommentNotMandatory"), "cancelled", null);
        }

        /** A booked appointment of its own (A011, A015, A016 as set-up), made once. */
        private String bookingToCancel() {
            if (appointmentToCancel == null) {
                Referral referral = referralFor("11000", HEART_FAILURE);
                Slot slot = firstFreeSlot("11000", "URGENT");
                appointmentToCancel = appointment(new AppointmentRequest(AppointmentRequest.Kind.BOOK, referral.ubrn,
                        referral.version, "11000", NHS_NUMBER, slot.id(), slot.start(), slot.end(), null), "booked");
            }
            return appointmentToCancel;
        }

        /**
         * @param refusal what e-RS's diagnostics name when the example is one it refuses (422), else null
         */
        private void cancelAppointment(List<Scenario> all, String example, String exampleId, String exampleUbrn,
                                       String reason, String comment, String refusal, Supplier<String> stateful) {
            all.add(new Scenario("A034", "stu3/updateAppointment/requests/" + example + ".json", () -> {
                // the sandbox's examples cancel appointments of its own; a stateful server's are read first (A038)
                AppointmentView appointment = fixedIds ? new AppointmentView(exampleId, "1", "booked", null, null, null,
                        null, null, exampleUbrn, "6", "50", "Direct SVC 1", "1000000001", null)
                        : clinician.retrieveAppointment(call("A038"), stateful.get());
                try {
                    AppointmentView cancelled = clinician.cancelAppointment(call("A034"),
                            new AppointmentCancellation(appointment, reason, comment));
                    check(refusal == null, "the cancellation was accepted, expected a refusal naming " + refusal);
                    check("cancelled".equals(cancelled.status()), "appointment " + cancelled.status()
                            + ", expected cancelled");
                    check(reason.equals(cancelled.reason()), "reason " + cancelled.reason() + ", expected " + reason);
                    check(!appointment.version().equals(cancelled.version()), "the appointment version stayed "
                            + cancelled.version());
                    if ("PATIENT_ILL".equals(reason)) {
                        cancelledAppointmentId = cancelled.id();
                    }
                    if (!fixedIds) {
                        // the referral moved on too; a later step (A036) names its new version
                        ReferralState referral = ReferrerScenarios.this.read(appointment.ubrn(), "APPT_CANCELLED_BY_PATIENT");
                        if (bookedWithClinician != null && bookedWithClinician.ubrn.equals(referral.ubrn())) {
                            bookedWithClinician.version = referral.version();
                        }
                    }
                } catch (ErsException.Rejected refused) {
                    if (refusal == null) {
                        throw refused;
                    }
                    check(refused.status() == 422 || refused.status() == 400, "HTTP " + refused.status()
                            + ", expected 422");
                    check(refused.getMessage().contains(refusal), "diagnostics '" + refused.getMessage()
                            + "' do not name " + refusal);
                }
            }));
        }
    }

    // ---- A036 ----

    private void cancellations(List<Scenario> all) {
        // Against a stateful server, the referrals the earlier steps left, like the examples' answers:
        // a resolved deferral, a cancelled booking, a booked referral; the others fresh (NOT_BOOKED).
        cancel(all, "IntendPrivateWithComment", "INTEND_PRIVATE", CANCEL_COMMENT,
                () -> need(deferred, "A016 bookOrDeferAppointment/MinimalDeferral"));
        cancel(all, "IntendPrivateWithoutComment", "INTEND_PRIVATE", null, null);
        cancel(all, "NoLongerRequired", "TREATMENT_NO_LONGER_REQUIRED", CANCEL_COMMENT,
                () -> need(bookedWithClinician, "A016 bookOrDeferAppointment/BookingWithNamedClinician"));
        cancel(all, "PatientRequestCancellationOther", "PATIENT_REQUEST_CANCELLATION_OTHER", CANCEL_COMMENT, null);
        cancel(all, "RaisedInError", "RAISED_IN_ERROR", CANCEL_COMMENT, null);
        cancel(all, "ReferrerCancellation", "REFERRER_CANCELLATION", CANCEL_COMMENT,
                () -> need(booked, "A016 bookOrDeferAppointment/MinimalBooking"));
        cancel(all, "bookedOutsideCabWithoutComment", "BOOKED_OUTSIDE_CAB", null, null);
        cancel(all, "outpatientService", "OUTPATIENT_SERVICE_NA", CANCEL_COMMENT, null);
    }

    private void cancel(List<Scenario> all, String example, String reason, String comment, Supplier<Referral> earlier) {
        all.add(new Scenario("A036", "stu3/cancelReferral/requests/" + example + ".json", () -> {
            Referral referral;
            if (fixedIds) {
                referral = new Referral(EXAMPLE_UBRN, EXAMPLE_CANCEL_VERSION);
            } else if (earlier != null) {
                referral = earlier.get();
            } else {
                referral = referralFor("11002", new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY",
                        "LIPID_MANAGEMENT", null, null, null, false, null, null, null, null));
            }
            ReferralState state = clinician.cancelReferral(call("A036"),
                    new Cancellation(referral.ubrn, referral.version, reason, comment));
            check("CANCELLED_REFERRAL".equals(state.status()), "state " + state.status()
                    + ", expected CANCELLED_REFERRAL");
            check(fixedIds || referral.ubrn.equals(state.ubrn()), "cancelled " + state.ubrn() + ", not "
                    + referral.ubrn);
            if (!fixedIds) {
                expectState(referral, "CANCELLED_REFERRAL");
            }
        }));
    }

    // ---- helpers ----

    private static ErsCall call(String operation) {
        return new ErsCall("conformance", operation);
    }

    private static <T> T need(T value, String step) {
        if (value == null) {
            throw new ScenarioFailure("needs the result of " + step + ", which did not pass");
        }
        return value;
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new ScenarioFailure(problem);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    static String describe(Throwable failure) {
        if (failure instanceof ErsException e) {
            String status = e.status() == 0 ? "no answer" : "HTTP " + e.status();
            return e.operationId() + " " + status + " (" + e.getClass().getSimpleName() + "): " + e.getMessage();
        }
        if (failure instanceof ScenarioFailure) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + Objects.toString(failure.getMessage(), "");
    }
}
