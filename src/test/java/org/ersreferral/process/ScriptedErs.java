package org.ersreferral.process;

import static org.ersreferral.process.ReferralProcess.*;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Stands in for the e-RS delegates in process tests: each mocked delegate writes the variables the
 * real one would, counts its calls, and fails on cue the way the real one reports failures.
 */
final class ScriptedErs {

    static final String UBRN = "000000070001";
    static final String DIRECT_SERVICE = "11002";
    static final String INDIRECT_SERVICE = "11003";
    static final String TRIAGE_SERVICE = "50001";
    /** Not a BPMN error: an exception the job executor retries (5xx, I/O). */
    static final String SERVER_ERROR = "SERVER_ERROR";
    /** Users whose id starts so are machine clients (GP systems) in process tests; the others are people. */
    static final String MACHINE_PREFIX = "gp-system";

    final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Deque<String>> faults = new HashMap<>();
    int emptySearches;
    /** What e-RS says the referral's status is when a rejection task is created; null: e-RS cannot be asked. */
    String referralStatus = "IN_PROGRESS";
    int freeSlots = 2;
    /** What A005 says when the follow-up reads the referral (chasing, after a change, before its actions). */
    String followedState = "BOOKED";
    /** What A029 allows on the referral now. */
    List<String> availableActions = List.of("CANCEL_REFERRAL", "CHANGE_SHORTLIST", "CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE",
            "CREATE_APPOINTMENT");
    /** Where the follow-up recorded an e-RS state, and which: "activity:STATE". */
    final StatesSeenRecorder statesSeen = new StatesSeenRecorder();

    static List<FoundService> services() {
        return List.of(
                service(DIRECT_SERVICE, "Good Cardiology Service", "DIRECTLY_BOOKABLE", false),
                service(INDIRECT_SERVICE, "Phone Cardiology Clinic", "INDIRECTLY_BOOKABLE", false),
                service(TRIAGE_SERVICE, "Cardiology Referral Assessment", "INDIRECTLY_BOOKABLE", true));
    }

    private static FoundService service(String id, String name, String bookableType, boolean triage) {
        return new FoundService(id, name, name, bookableType, triage, null, null, null);
    }

    /** The next call of {@code step} fails with {@code errorCode}; queue several for several calls. */
    ScriptedErs failOnce(String step, String errorCode) {
        faults.computeIfAbsent(step, k -> new ArrayDeque<>()).add(errorCode);
        return this;
    }

    int calls(String step) {
        return calls.getOrDefault(step, 0);
    }

    void register(boolean createAndSendForTriage) {
        Mocks.register("ersRetries", new ErsRetries(ErsRetries.DEFAULT_CYCLE));
        Mocks.register("referralRequestValidator", new ReferralRequestValidator(createAndSendForTriage));
        Mocks.register("referralOutcomes", new ReferralOutcomes());
        Mocks.register("referralTaskDetails", new ReferralTaskDetails());
        Mocks.register("shortlistCheck", new ShortlistCheck());
        Mocks.register("referralLetterCheck", new ReferralLetterCheck());
        Mocks.register("slotChoiceCheck", new SlotChoiceCheck());
        Mocks.register("rejectionResolutionCheck", new RejectionResolutionCheck());
        Mocks.register("reconciliationCheck", new ReconciliationCheck());
        Mocks.register("searchRefinementCheck", new SearchRefinementCheck());
        Mocks.register("needDescriptionCheck", new NeedDescriptionCheck());
        Mocks.register("patientLetterHandoverCheck", new PatientLetterHandoverCheck());
        Mocks.register("ersStepDelegates", new ErsStepDelegates());
        Mocks.register("actingUsers", new ActingUsers(userId -> userId.startsWith(MACHINE_PREFIX)));
        ProcessEngine engine = BpmnAwareTests.processEngine();
        Mocks.register("signInAgainTasks", new SignInAgainTasks(engine.getTaskService(), engine.getRuntimeService(),
                engine.getIdentityService(), Duration.ofMinutes(30)));
        Mocks.register("ersStepTasks", new ErsStepTasks((call, ubrn) -> {
            calls.merge("A005 for " + call.step(), 1, Integer::sum);
            if (referralStatus == null) {
                throw new IllegalStateException("e-RS answered 503");
            }
            return referralStatus;
        }));

        delegate("establishErsContextDelegate", v -> { });
        delegate("loadReferenceDataDelegate", v -> {
            v.set(ReferralVariables.PRIORITY_DISPLAY, "Urgent");
            if (v.get(ReferralVariables.SPECIALTY) == null) {
                v.set(ReferralVariables.SPECIALTY_OPTIONS, List.of(new CodeOption("Cardiology", "CARDIOLOGY", null),
                        new CodeOption("Dermatology", "DERMATOLOGY", null)));
                v.set(ReferralVariables.CLINIC_TYPE_OPTIONS, List.of(
                        new CodeOption("Cardiology: Heart Failure", "HEART_FAILURE", "CARDIOLOGY"),
                        new CodeOption("Dermatology: Skin Lesion", "SKIN_LESION", "DERMATOLOGY")));
            } else {
                v.set(ReferralVariables.SPECIALTY_DISPLAY, "Cardiology");
            }
        });
        delegate("searchServicesDelegate", v -> {
            List<FoundService> found = emptySearches-- > 0 ? List.of() : services();
            v.set(ReferralVariables.SERVICES, found);
            v.set(ReferralVariables.SERVICE_COUNT, found.size());
        });
        delegate("createReferralDelegate", v -> {
            v.set(ReferralVariables.UBRN, UBRN);
            v.set(ReferralVariables.REFERRAL_VERSION, "1");
        });
        delegate("createReferralAndSendForTriageDelegate", v -> {
            v.set(ReferralVariables.UBRN, UBRN);
            v.set(ReferralVariables.REFERRAL_VERSION, "1");
            v.recordErsResult(Outcome.SENT_FOR_TRIAGE);
        });
        delegate("uploadReferralLetterDelegate", v -> {
            List<LetterUpload> uploaded = new ArrayList<>(v.get(ReferralVariables.LETTER_ATTACHMENTS));
            uploaded.add(new LetterUpload(v.get(ReferralVariables.LETTER_FILE_VARIABLE), "Binary/" + uploaded.size(),
                    "letter.pdf", "application/pdf", 4));
            v.set(ReferralVariables.LETTER_ATTACHMENTS, uploaded);
        });
        delegate("maintainReferralLetterDelegate", v -> v.set(ReferralVariables.REFERRAL_VERSION, "2"));
        delegate("sendForTriageDelegate", v -> v.recordErsResult(Outcome.SENT_FOR_TRIAGE));
        delegate("retrieveSlotsDelegate", v -> {
            List<SlotOption> slots = new ArrayList<>();
            for (int i = 1; i <= freeSlots; i++) {
                slots.add(new SlotOption("slot-" + i, "Slot " + i, OffsetDateTime.parse("2026-12-0" + i + "T09:00:00Z"),
                        OffsetDateTime.parse("2026-12-0" + i + "T09:30:00Z"), null, null));
            }
            v.set(ReferralVariables.SLOTS, slots);
            v.set(ReferralVariables.SLOT_COUNT, slots.size());
            if (slots.isEmpty()) {
                v.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_NO_SLOTS);
            }
        });
        delegate("bookAppointmentDelegate", v -> v.recordErsResult(Outcome.BOOKED));
        delegate("deferToProviderDelegate", v -> v.recordErsResult(Outcome.DEFERRED_TO_PROVIDER));
        delegate("generatePatientLetterDelegate", v -> v.set(ReferralVariables.PATIENT_LETTER,
                Variables.fileValue("patient-letter.pdf").file(new ByteArrayInputStream("%PDF".getBytes()))
                        .mimeType("application/pdf").create()));
        delegate("retrieveReferralStateDelegate", v -> v.set(ReferralVariables.REFERRAL_STATUS, "BOOKED"));
        Mocks.register("followUpStart", (JavaDelegate) execution -> calls.merge("followUpStart", 1, Integer::sum));
        Mocks.register("followUpResets", new FollowUpResets());
        Mocks.register("followUpChoices", new FollowUpChoices(() -> List.of(new CodeOption("No longer required", "NO_LONGER_REQUIRED", null))));
        Mocks.register("letterOwedNotice", new LetterOwed());
        Mocks.register("ersStatesSeen", statesSeen);
        delegate("readFollowedReferralDelegate", this::readFollowed);
        delegate("readAvailableActionsDelegate", v -> {
            readFollowed(v);
            v.set(FollowUp.AVAILABLE_ACTIONS, availableActions);
        });
        delegate("readAppointmentDelegate", v -> v.set(FollowUp.ATTENDANCE_CHECK_DUE, "2027-01-15T09:00:00Z"));
        delegate("cancelAppointmentDelegate", v -> {
            v.set(FollowUp.ERS_STATUS, org.ersreferral.ers.ReferralStatus.APPT_CANCELLED_BY_PATIENT);
            v.set(ReferralVariables.REFERRAL_VERSION, "6");
        });
        delegate("changeShortlistDelegate", v -> {
            v.set(ReferralVariables.REFERRAL_VERSION, "5");
            v.recordErsResult(Outcome.AWAITING_PATIENT_BOOKING);
        });
        delegate("cancelReferralDelegate", v -> {
            v.set(ReferralVariables.REFERRAL_STATUS, "CANCELLED");
            v.recordErsResult(Outcome.CANCELLED);
        });
    }

    private void readFollowed(ReferralVariables v) {
        v.set(FollowUp.ERS_STATUS, org.ersreferral.ers.ReferralStatus.fromCode(followedState));
        v.set(FollowUp.ERS_WORKLIST, null);
        v.set(ReferralVariables.REFERRAL_STATUS, followedState);
    }

    private void delegate(String bean, java.util.function.Consumer<ReferralVariables> behaviour) {
        Mocks.register(bean, (JavaDelegate) execution -> {
            String step = execution.getCurrentActivityId();
            calls.merge(step, 1, Integer::sum);
            fail(execution, step);
            behaviour.accept(ReferralVariables.of(execution));
        });
    }

    private void fail(DelegateExecution execution, String step) {
        Deque<String> queued = faults.get(step);
        String fault = queued == null ? null : queued.poll();
        if (fault == null) {
            return;
        }
        ReferralVariables variables = ReferralVariables.of(execution);
        switch (fault) {
            case SERVER_ERROR -> throw new IllegalStateException("e-RS answered 503");
            case ERROR_SLOT_GONE -> {
                variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_SLOT_NOT_AVAILABLE);
                throw new BpmnError(fault, "slot taken");
            }
            case ERROR_PROVIDER_UNAVAILABLE -> {
                variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_BOOKING_ATTEMPT_PROBLEM);
                throw new BpmnError(fault, "provider timed out");
            }
            default -> {
                variables.recordErsProblem(fault, "e-RS said no", step);
                throw new BpmnError(fault, "e-RS said no");
            }
        }
    }
}
