package org.ersreferral.process;

/** Ids of the {@code ers-referral} process and its elements, as the BPMN file names them. */
public final class ReferralProcess {

    public static final String PROCESS_KEY = "ers-referral";
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

    // Service tasks: one e-RS operation each
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
    public static final String TASK_CANCEL_REFERRAL = "Task_CancelReferral";
    public static final String TASK_CANCEL_REJECTED_REFERRAL = "Task_CancelRejectedReferral";

    // User tasks
    public static final String TASK_REFINE_SEARCH = "Task_RefineSearch";
    public static final String TASK_CHOOSE_SHORTLIST = "Task_ChooseShortlist";
    public static final String TASK_ATTACH_REFERRAL_LETTER = "Task_AttachReferralLetter";
    public static final String TASK_CHOOSE_SLOT = "Task_ChooseSlot";
    public static final String TASK_RESOLVE_REJECTION = "Task_ResolveRejection";
    public static final String TASK_SIGN_IN_AGAIN = "Task_SignInAgain";
    public static final String TASK_RECONCILE_REFERRAL = "Task_ReconcileReferral";
    public static final String TASK_DESCRIBE_NEED = "Task_DescribeNeed";
    public static final String TASK_GIVE_PATIENT_LETTER = "Task_GivePatientLetter";

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
    public static final String GATEWAY_ERS_PROBLEM = "Gateway_ErsProblem";
    public static final String GATEWAY_RETRY_STEP = "Gateway_RetryStep";

    // BPMN errors thrown by delegates
    public static final String ERROR_ERS_REJECTED = "ERS_REJECTED";
    public static final String ERROR_ERS_UNAUTHORISED = "ERS_UNAUTHORISED";
    public static final String ERROR_ERS_OUTCOME_UNKNOWN = "ERS_OUTCOME_UNKNOWN";
    public static final String ERROR_SLOT_GONE = "SLOT_GONE";
    public static final String ERROR_PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";

    private ReferralProcess() {
    }
}
