package org.ersreferral.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ersreferral.ers.ServiceSearch;

/**
 * The referral's process variables, each declared once with its name and type, and typed access to
 * them in one scope. Lists are kept as Spin Json so Tasklist forms can bind to them.
 */
public final class ReferralVariables {

    public static final ProcessVariable<String> REQUEST_ID = ProcessVariable.string("requestId");
    public static final ProcessVariable<String> NHS_NUMBER = ProcessVariable.string("nhsNumber");
    /** The patient's name as the referrer gave it at the start; absent when unknown (e-RS's API serves no demographics). */
    public static final ProcessVariable<String> PATIENT_NAME = ProcessVariable.string("patientName");
    public static final ProcessVariable<Priority> PRIORITY = ProcessVariable.enumerated("priority", Priority.class);
    public static final ProcessVariable<String> SPECIALTY = ProcessVariable.string("specialty");
    public static final ProcessVariable<String> CLINIC_TYPE = ProcessVariable.string("clinicType");
    public static final ProcessVariable<String> CLINICAL_TERM = ProcessVariable.string("clinicalTerm");
    public static final ProcessVariable<String> NAMED_CLINICIAN = ProcessVariable.string("namedClinician");
    public static final ProcessVariable<String> POSTCODE = ProcessVariable.string("postcode");
    public static final ProcessVariable<String> SPECIALTY_DISPLAY = ProcessVariable.string("specialtyDisplay");
    public static final ProcessVariable<String> PRIORITY_DISPLAY = ProcessVariable.string("priorityDisplay");
    public static final ProcessVariable<String> CLINIC_TYPE_DISPLAY = ProcessVariable.string("clinicTypeDisplay");
    /**
     * Task-local on every coordinator task ({@link TaskContext}): whose referral it is ("name, NHS number 999 123 4567")
     * and its UBRN in groups once e-RS has one; set only when known, so Tasklist never lists an empty value.
     */
    public static final ProcessVariable<String> PATIENT_DISPLAY = ProcessVariable.string("patientDisplay");
    public static final ProcessVariable<String> UBRN_DISPLAY = ProcessVariable.string("ubrnDisplay");
    public static final ProcessVariable<Boolean> CREATE_AND_SEND_FOR_TRIAGE = ProcessVariable.flag("createAndSendForTriage");
    public static final ProcessVariable<List<FoundService>> SERVICES = ProcessVariable.jsonList("services", FoundService.class);
    public static final ProcessVariable<List<BookableService>> BOOKABLE_SERVICES = ProcessVariable.jsonList("bookableServices", BookableService.class);
    public static final ProcessVariable<Integer> SERVICE_COUNT = ProcessVariable.integer("serviceCount");
    public static final ProcessVariable<Boolean> ABANDON_SEARCH = ProcessVariable.flag("abandonSearch");
    public static final ProcessVariable<List<String>> SHORTLIST = ProcessVariable.jsonList("shortlist", String.class);
    public static final ProcessVariable<String> BOOK_SERVICE_ID = ProcessVariable.string("bookServiceId");
    public static final ProcessVariable<Boolean> TRIAGE_SERVICE = ProcessVariable.flag("triageService");
    public static final ProcessVariable<String> UBRN = ProcessVariable.string("ubrn");
    public static final ProcessVariable<String> REFERRAL_VERSION = ProcessVariable.string("referralVersion");
    public static final ProcessVariable<Boolean> ATTACH_LATER = ProcessVariable.flag("attachLater");
    public static final String LETTER_FILE_PREFIX = "referralLetter";
    public static final ProcessVariable<String> LETTER_FILE_VARIABLE = ProcessVariable.string("letterFileVariable");
    public static final ProcessVariable<List<LetterUpload>> LETTER_ATTACHMENTS = ProcessVariable.jsonList("letterAttachments", LetterUpload.class);
    public static final ProcessVariable<List<SlotOption>> SLOTS = ProcessVariable.jsonList("slots", SlotOption.class);
    public static final ProcessVariable<Integer> SLOT_COUNT = ProcessVariable.integer("slotCount");
    public static final ProcessVariable<String> SLOT_ID = ProcessVariable.string("slotId");
    public static final ProcessVariable<Boolean> DEFER_TO_PROVIDER = ProcessVariable.flag("deferToProvider");
    public static final ProcessVariable<String> DEFERRAL_REASON = ProcessVariable.string("deferralReason");
    public static final ProcessVariable<String> DEFERRAL_COMMENT = ProcessVariable.string("deferralComment");
    public static final ProcessVariable<String> APPOINTMENT_ID = ProcessVariable.string("appointmentId");
    public static final ProcessVariable<String> REFERRAL_STATUS = ProcessVariable.string("referralStatus");
    public static final ProcessVariable<FileValue> PATIENT_LETTER = ProcessVariable.file("patientLetter");
    public static final ProcessVariable<Outcome> OUTCOME = ProcessVariable.enumerated("outcome", Outcome.class);
    public static final ProcessVariable<String> CANCELLATION_REASON = ProcessVariable.string("cancellationReason");
    public static final ProcessVariable<String> CANCELLATION_COMMENT = ProcessVariable.string("cancellationComment");
    public static final ProcessVariable<String> ERS_ERROR_CODE = ProcessVariable.string("ersErrorCode");
    public static final ProcessVariable<String> ERS_ERROR_MESSAGE = ProcessVariable.string("ersErrorMessage");
    public static final ProcessVariable<String> ERS_FAILED_STEP = ProcessVariable.string("ersFailedStep");
    /** The HTTP status of e-RS's refusal and its own diagnostics, for "Resolve e-RS rejection". */
    public static final ProcessVariable<Integer> ERS_ERROR_STATUS = ProcessVariable.integer("ersErrorStatus");
    public static final ProcessVariable<String> ERS_ERROR_DIAGNOSTICS = ProcessVariable.string("ersErrorDiagnostics");
    public static final ProcessVariable<String> RESOLUTION = ProcessVariable.string("resolution");
    /** Task-local on the tasks of ers-step: the business name of the e-RS step the task is about. */
    public static final ProcessVariable<String> ERS_STEP_NAME = ProcessVariable.string("ersStepName");
    /** Task-local on "Resolve e-RS rejection": the referral's status in e-RS when the task was created, or {@link #STATUS_UNKNOWN}. */
    public static final ProcessVariable<String> ERS_REFERRAL_STATUS = ProcessVariable.string("ersReferralStatus");
    public static final String STATUS_UNKNOWN = "UNKNOWN";
    /** Task-local beside {@link #ERS_REFERRAL_STATUS}: that status in words ({@link ErsReferralStatus}); absent when unknown. */
    public static final ProcessVariable<String> ERS_REFERRAL_STATUS_DISPLAY = ProcessVariable.string("ersReferralStatusDisplay");
    /** Json lists of {@code {label, value}} from e-RS reference data, for "Describe the need". */
    public static final ProcessVariable<List<CodeOption>> SPECIALTY_OPTIONS = ProcessVariable.jsonList("specialtyOptions", CodeOption.class);
    public static final ProcessVariable<List<CodeOption>> CLINIC_TYPE_OPTIONS = ProcessVariable.jsonList("clinicTypeOptions", CodeOption.class);
    /** Boolean set at start: a coordinator gets a task to give the patient their letter. */
    public static final ProcessVariable<Boolean> PATIENT_LETTER_TASK = ProcessVariable.flag("patientLetterTask");
    /** How the coordinator gave the patient their letter: {@link #HANDED_OVER} or {@link #POSTED}. */
    public static final ProcessVariable<String> PATIENT_LETTER_HANDOVER = ProcessVariable.string("patientLetterHandover");
    public static final String HANDED_OVER = "HANDED_OVER";
    public static final String POSTED = "POSTED";

    /** The Camunda user id of the person the referral's e-RS calls act as; null while no person has taken it on. */
    public static final ProcessVariable<String> ACTING_USER = ProcessVariable.string("actingUser");

    /** {@link #RESOLUTION} values of the "Resolve e-RS rejection" task. */
    public static final String RESOLUTION_RETRY = "RETRY";
    public static final String RESOLUTION_GIVE_UP = "GIVE_UP";
    /** Give up and cancel the referral in e-RS: only offered once e-RS has the referral. */
    public static final String RESOLUTION_CANCEL_IN_ERS = "CANCEL_IN_ERS";

    /** {@link #DEFERRAL_REASON} values: the e-RS review reasons for deferring to the provider. */
    public static final String DEFERRAL_NO_SLOTS = "NO_SLOTS_AT_SERVICE";
    public static final String DEFERRAL_SLOT_NOT_AVAILABLE = "SLOT_NOT_AVAILABLE";
    public static final String DEFERRAL_BOOKING_ATTEMPT_PROBLEM = "BOOKING_ATTEMPT_PROBLEM";

    public static final String DEFAULT_CANCELLATION_REASON = "REFERRER_CANCELLATION";

    private final VariableScope scope;

    private ReferralVariables(VariableScope scope) {
        this.scope = scope;
    }

    public static ReferralVariables of(VariableScope scope) {
        return new ReferralVariables(scope);
    }

    public <T> T get(ProcessVariable<T> variable) {
        return variable.from(scope);
    }

    public <T> void set(ProcessVariable<T> variable, T value) {
        variable.set(scope, value);
    }

    /** Leaves the variable null, so a BPMN condition or form reading it finds it declared. */
    public void clear(ProcessVariable<?> variable) {
        variable.clear(scope);
    }

    /** A referral letter uploaded in Tasklist, kept in a variable named {@link #LETTER_FILE_PREFIX} and a number. */
    public FileValue letterFile(String variableName) {
        return ProcessVariable.file(variableName).from(scope);
    }

    public String nhsNumber() {
        return get(NHS_NUMBER);
    }

    public Priority priority() {
        return get(PRIORITY);
    }

    public String ubrn() {
        return get(UBRN);
    }

    public String referralVersion() {
        return get(REFERRAL_VERSION);
    }

    public ServiceSearch serviceSearch() {
        Priority priority = priority();
        return new ServiceSearch(nhsNumber(), priority == null ? null : priority.name(), get(SPECIALTY), get(CLINIC_TYPE),
                get(CLINICAL_TERM), get(NAMED_CLINICIAN), get(POSTCODE));
    }

    /**
     * What e-RS has done with the referral so far (booked, deferred, sent for triage), kept in
     * {@link #OUTCOME} before the end event confirms it: the gateways "How to proceed?" and "Which
     * outcome?", the letter and the letter task read it from there. Every write before the end goes
     * through here; the end events write it through {@link ReferralOutcomes}.
     */
    public void recordErsResult(Outcome result) {
        set(OUTCOME, result);
    }

    /** The outcome so far: what {@link #recordErsResult(Outcome)} or an end event recorded; null while there is none. */
    public Outcome outcomeSoFar() {
        return get(OUTCOME);
    }

    /** Where an e-RS call went wrong, for the problem-handling tasks and for a retry of that step. */
    public void recordErsProblem(String errorCode, String message, String failedStep) {
        set(ERS_ERROR_CODE, errorCode);
        set(ERS_ERROR_MESSAGE, message);
        set(ERS_FAILED_STEP, failedStep);
    }

    /** What e-RS answered to a refused call: its HTTP status and its diagnostics, both shown to the coordinator. */
    public void recordErsRefusal(int status, String diagnostics) {
        set(ERS_ERROR_STATUS, status);
        set(ERS_ERROR_DIAGNOSTICS, diagnostics == null || diagnostics.isBlank() ? null : diagnostics.trim());
    }
}
