package org.ersreferral.process;

/**
 * Ids of the {@code ers-referral} process, of the {@code ers-step} process it calls for every e-RS
 * call, and of their elements, as the BPMN files name them.
 */
public final class ReferralProcess {

    public static final String PROCESS_KEY = "ers-referral";
    /** Called by every e-RS step of a referral; handles e-RS problems with a coordinator. */
    public static final String STEP_PROCESS_KEY = "ers-step";
    public static final String CANDIDATE_GROUP = "referral-coordinators";
    public static final String MESSAGE_CANCEL_REFERRAL = "CancelReferral";

    // Events
    public static final String START_REFERRAL_REQUESTED = "StartEvent_ReferralRequested";
    public static final String START_CANCELLATION_REQUESTED = "StartEvent_CancellationRequested";
    public static final String EVENT_PATIENT_TO_BOOK = "Event_PatientToBookByPhone";
    public static final String END_APPOINTMENT_BOOKED = "EndEvent_AppointmentBooked";
    public static final String END_BOOKING_DEFERRED = "EndEvent_BookingDeferred";
    public static final String END_SENT_FOR_TRIAGE = "EndEvent_SentForTriage";
    public static final String END_AWAITING_PATIENT_BOOKING = "EndEvent_AwaitingPatientBooking";
    public static final String END_REFERRAL_CANCELLED = "EndEvent_ReferralCancelled";
    public static final String END_REJECTED_REFERRAL_CANCELLED = "EndEvent_RejectedReferralCancelled";
    public static final String END_SEARCH_ABANDONED = "EndEvent_SearchAbandoned";
    public static final String START_ERS_STEP_GIVEN_UP = "StartEvent_ErsStepGivenUp";
    public static final String END_LEFT_IN_ERS = "EndEvent_LeftInErs";
    public static final String END_GIVEN_UP_BEFORE_REFERRAL = "EndEvent_GivenUpBeforeReferral";

    // e-RS steps: call activities of ers-step, one e-RS operation each (ErsStepDelegates maps them to their delegates)
    public static final String TASK_ESTABLISH_ERS_CONTEXT = "Task_EstablishErsContext";
    public static final String TASK_LOAD_REFERENCE_DATA = "Task_LoadReferenceData";
    public static final String TASK_SEARCH_SERVICES = "Task_SearchServices";
    public static final String TASK_CREATE_REFERRAL = "Task_CreateReferral";
    public static final String TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE = "Task_CreateReferralAndSendForTriage";
    public static final String TASK_UPLOAD_REFERRAL_LETTER = "Task_UploadReferralLetter";
    public static final String TASK_MAINTAIN_REFERRAL_LETTER = "Task_MaintainReferralLetter";
    public static final String TASK_SEND_FOR_TRIAGE = "Task_SendForTriage";
    public static final String TASK_RETRIEVE_SLOTS = "Task_RetrieveSlots";
    public static final String TASK_BOOK_APPOINTMENT = "Task_BookAppointment";
    public static final String TASK_DEFER_TO_PROVIDER = "Task_DeferToProvider";
    public static final String TASK_GENERATE_PATIENT_LETTER = "Task_GeneratePatientLetter";
    public static final String TASK_RETRIEVE_REFERRAL_STATE = "Task_RetrieveReferralState";

    // Service tasks of ers-referral (cancelling is not retried through a coordinator)
    public static final String TASK_CANCEL_REFERRAL = "Task_CancelReferral";
    public static final String TASK_CANCEL_REJECTED_REFERRAL = "Task_CancelRejectedReferral";

    // Elements of ers-step
    public static final String TASK_CALL_ERS = "Task_CallErs";
    public static final String BOUNDARY_ERS_REJECTED = "BoundaryEvent_ErsRejected";
    public static final String BOUNDARY_ERS_UNAUTHORISED = "BoundaryEvent_ErsUnauthorised";
    public static final String BOUNDARY_ERS_OUTCOME_UNKNOWN = "BoundaryEvent_ErsOutcomeUnknown";
    public static final String END_ERS_STEP_DONE = "EndEvent_ErsStepDone";
    public static final String END_ERS_STEP_GAVE_UP = "EndEvent_ErsStepGaveUp";
    public static final String GATEWAY_TRY_AGAIN = "Gateway_TryAgain";
    public static final String GATEWAY_REFERRAL_FOUND = "Gateway_ReferralFound";
    /** Non-interrupting timer on "Sign in to e-RS again": the task offered first to the acting user goes to every coordinator. */
    public static final String BOUNDARY_OFFER_SIGN_IN_TO_ALL = "BoundaryEvent_OfferSignInToAll";
    public static final String END_SIGN_IN_OFFERED_TO_ALL = "EndEvent_SignInOfferedToAll";

    // User tasks (the rejection, sign-in and reconcile tasks are in ers-step)
    public static final String TASK_REFINE_SEARCH = "Task_RefineSearch";
    public static final String TASK_CHOOSE_SHORTLIST = "Task_ChooseShortlist";
    public static final String TASK_ATTACH_REFERRAL_LETTER = "Task_AttachReferralLetter";
    public static final String TASK_CHOOSE_SLOT = "Task_ChooseSlot";
    public static final String TASK_RESOLVE_REJECTION = "Task_ResolveRejection";
    public static final String TASK_SIGN_IN_AGAIN = "Task_SignInAgain";
    public static final String TASK_RECONCILE_REFERRAL = "Task_ReconcileReferral";
    public static final String TASK_DESCRIBE_NEED = "Task_DescribeNeed";
    public static final String TASK_GIVE_PATIENT_LETTER = "Task_GivePatientLetter";
    public static final String TASK_TAKE_ON_REFERRAL = "Task_TakeOnReferral";

    // Gateways
    public static final String GATEWAY_NEED_DESCRIBED = "Gateway_NeedDescribed";
    public static final String GATEWAY_PATIENT_LETTER_TASK = "Gateway_PatientLetterTask";
    public static final String GATEWAY_SERVICES_FOUND = "Gateway_ServicesFound";
    public static final String GATEWAY_SEARCH_AGAIN = "Gateway_SearchAgain";
    public static final String GATEWAY_RAS_OR_SHORTLIST = "Gateway_RasOrShortlist";
    public static final String GATEWAY_LETTER_ATTACHED = "Gateway_LetterAttached";
    public static final String GATEWAY_HOW_TO_PROCEED = "Gateway_HowToProceed";
    public static final String GATEWAY_SLOTS_AVAILABLE = "Gateway_SlotsAvailable";
    public static final String GATEWAY_BOOK_OR_DEFER = "Gateway_BookOrDefer";
    public static final String GATEWAY_WHICH_OUTCOME = "Gateway_WhichOutcome";
    public static final String GATEWAY_GIVE_UP_CHOICE = "Gateway_GiveUpChoice";
    public static final String GATEWAY_REFERRAL_CREATED = "Gateway_ReferralCreated";
    public static final String GATEWAY_LETTER_DONE = "Gateway_LetterDone";
    public static final String GATEWAY_READY_FOR_LETTER = "Gateway_ReadyForLetter";
    public static final String GATEWAY_PATIENT_LETTER_DONE = "Gateway_PatientLetterDone";
    public static final String GATEWAY_CANCELLATION_NEEDS_ERS = "Gateway_CancellationNeedsErs";
    public static final String GATEWAY_CANCELLATION_DONE = "Gateway_CancellationDone";
    public static final String GATEWAY_CALL_AGAIN = "Gateway_CallAgain";
    /** After the start: a referral no person started (a GP system's) waits for a coordinator to take it on. */
    public static final String GATEWAY_COORDINATOR_ACTING = "Gateway_CoordinatorActing";

    // Event sub-processes of ers-referral, and the start of ers-step
    public static final String SUBPROCESS_CANCELLATION = "SubProcess_Cancellation";
    public static final String SUBPROCESS_ERS_STEP_GIVEN_UP = "SubProcess_ErsStepGivenUp";
    public static final String START_ERS_STEP_CALLED = "StartEvent_ErsStepCalled";

    // Boundary events of Task_BookAppointment
    public static final String BOUNDARY_SLOT_GONE = "BoundaryEvent_SlotGone";
    public static final String BOUNDARY_PROVIDER_UNAVAILABLE = "BoundaryEvent_ProviderUnavailable";

    // BPMN errors thrown by delegates
    public static final String ERROR_ERS_REJECTED = "ERS_REJECTED";
    public static final String ERROR_ERS_UNAUTHORISED = "ERS_UNAUTHORISED";
    public static final String ERROR_ERS_OUTCOME_UNKNOWN = "ERS_OUTCOME_UNKNOWN";
    public static final String ERROR_SLOT_GONE = "SLOT_GONE";
    public static final String ERROR_PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";
    /** Thrown by ers-step to the referral when the coordinator gave the step up. */
    public static final String ERROR_ERS_STEP_GAVE_UP = "ERS_STEP_GAVE_UP";

    private ReferralProcess() {
    }
}
