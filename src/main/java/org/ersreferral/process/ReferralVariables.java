package org.ersreferral.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.ers.ServiceSearch;

/**
 * Typed access to the referral's process variables: the one place that knows their names and
 * types. Lists are kept as Spin Json so Tasklist forms can bind to them.
 */
public final class ReferralVariables {

    public static final String REQUEST_ID = "requestId";
    public static final String NHS_NUMBER = "nhsNumber";
    public static final String PRIORITY = "priority";
    public static final String SPECIALTY = "specialty";
    public static final String CLINIC_TYPE = "clinicType";
    public static final String CLINICAL_TERM = "clinicalTerm";
    public static final String NAMED_CLINICIAN = "namedClinician";
    public static final String POSTCODE = "postcode";
    public static final String SPECIALTY_DISPLAY = "specialtyDisplay";
    public static final String PRIORITY_DISPLAY = "priorityDisplay";
    public static final String CLINIC_TYPE_DISPLAY = "clinicTypeDisplay";
    public static final String CREATE_AND_SEND_FOR_TRIAGE = "createAndSendForTriage";
    public static final String SERVICES = "services";
    public static final String BOOKABLE_SERVICES = "bookableServices";
    public static final String SERVICE_COUNT = "serviceCount";
    public static final String ABANDON_SEARCH = "abandonSearch";
    public static final String SHORTLIST = "shortlist";
    public static final String BOOK_SERVICE_ID = "bookServiceId";
    public static final String TRIAGE_SERVICE = "triageService";
    public static final String UBRN = "ubrn";
    public static final String REFERRAL_VERSION = "referralVersion";
    public static final String ATTACH_LATER = "attachLater";
    public static final String LETTER_FILE_PREFIX = "referralLetter";
    public static final String LETTER_FILE_VARIABLE = "letterFileVariable";
    public static final String LETTER_ATTACHMENTS = "letterAttachments";
    public static final String SLOTS = "slots";
    public static final String SLOT_COUNT = "slotCount";
    public static final String SLOT_ID = "slotId";
    public static final String DEFER_TO_PROVIDER = "deferToProvider";
    public static final String DEFERRAL_REASON = "deferralReason";
    public static final String DEFERRAL_COMMENT = "deferralComment";
    public static final String APPOINTMENT_ID = "appointmentId";
    public static final String REFERRAL_STATUS = "referralStatus";
    public static final String PATIENT_LETTER = "patientLetter";
    public static final String OUTCOME = "outcome";
    public static final String CANCELLATION_REASON = "cancellationReason";
    public static final String CANCELLATION_COMMENT = "cancellationComment";
    public static final String ERS_ERROR_CODE = "ersErrorCode";
    public static final String ERS_ERROR_MESSAGE = "ersErrorMessage";
    public static final String ERS_FAILED_STEP = "ersFailedStep";
    /** The HTTP status of e-RS's refusal and its own diagnostics, for "Resolve e-RS rejection". */
    public static final String ERS_ERROR_STATUS = "ersErrorStatus";
    public static final String ERS_ERROR_DIAGNOSTICS = "ersErrorDiagnostics";
    public static final String RESOLUTION = "resolution";
    /** Task-local on the tasks of ers-step: the business name of the e-RS step the task is about. */
    public static final String ERS_STEP_NAME = "ersStepName";
    /** Task-local on "Resolve e-RS rejection": the referral's status in e-RS when the task was created, or {@link #STATUS_UNKNOWN}. */
    public static final String ERS_REFERRAL_STATUS = "ersReferralStatus";
    public static final String STATUS_UNKNOWN = "UNKNOWN";
    /** Json lists of {@code {label, value}} from e-RS reference data, for "Describe the need". */
    public static final String SPECIALTY_OPTIONS = "specialtyOptions";
    public static final String CLINIC_TYPE_OPTIONS = "clinicTypeOptions";
    /** Boolean set at start: a coordinator gets a task to give the patient their letter. */
    public static final String PATIENT_LETTER_TASK = "patientLetterTask";
    /** How the coordinator gave the patient their letter: {@link #HANDED_OVER} or {@link #POSTED}. */
    public static final String PATIENT_LETTER_HANDOVER = "patientLetterHandover";
    public static final String HANDED_OVER = "HANDED_OVER";
    public static final String POSTED = "POSTED";

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

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final VariableScope scope;

    private ReferralVariables(VariableScope scope) {
        this.scope = scope;
    }

    public static ReferralVariables of(VariableScope scope) {
        return new ReferralVariables(scope);
    }

    public String string(String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    public boolean flag(String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Boolean b) {
            return b;
        }
        return value != null && Boolean.parseBoolean(value.toString().trim());
    }

    public void set(String name, Object value) {
        scope.setVariable(name, value);
    }

    public String nhsNumber() {
        return string(NHS_NUMBER);
    }

    public String priority() {
        return string(PRIORITY);
    }

    public String ubrn() {
        return string(UBRN);
    }

    public String referralVersion() {
        return string(REFERRAL_VERSION);
    }

    public ServiceSearch serviceSearch() {
        return new ServiceSearch(nhsNumber(), priority(), string(SPECIALTY), string(CLINIC_TYPE), string(CLINICAL_TERM),
                string(NAMED_CLINICIAN), string(POSTCODE));
    }

    /** A list of strings kept as Json, as a JSON text, or (from Java callers) as a collection. */
    public List<String> stringList(String name) {
        return readList(name, new TypeReference<List<String>>() { });
    }

    /** A list of JSON objects, e.g. {@link #SERVICES} or {@link #SLOTS}. */
    public List<Map<String, Object>> objectList(String name) {
        return readList(name, new TypeReference<List<Map<String, Object>>>() { });
    }

    public void setJson(String name, Object value) {
        try {
            scope.setVariable(name, SpinValues.jsonValue(JSON.writeValueAsString(value)).create());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write variable " + name + " as JSON", e);
        }
    }

    public void setOutcome(Outcome outcome) {
        scope.setVariable(OUTCOME, outcome.name());
    }

    /** Where an e-RS call went wrong, for the problem-handling tasks and for a retry of that step. */
    public void recordErsProblem(String errorCode, String message, String failedStep) {
        scope.setVariable(ERS_ERROR_CODE, errorCode);
        scope.setVariable(ERS_ERROR_MESSAGE, message);
        scope.setVariable(ERS_FAILED_STEP, failedStep);
    }

    /** What e-RS answered to a refused call: its HTTP status and its diagnostics, both shown to the coordinator. */
    public void recordErsRefusal(int status, String diagnostics) {
        scope.setVariable(ERS_ERROR_STATUS, status);
        scope.setVariable(ERS_ERROR_DIAGNOSTICS, diagnostics == null || diagnostics.isBlank() ? null : diagnostics.trim());
    }

    /** A File variable, e.g. a referral letter uploaded in Tasklist; null when absent or not a file. */
    public FileValue file(String name) {
        TypedValue value = scope.getVariableTyped(name);
        return value instanceof FileValue file ? file : null;
    }

    public void setNull(String name) {
        scope.setVariable(name, Variables.untypedNullValue());
    }

    private <T> List<T> readList(String name, TypeReference<List<T>> type) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return new ArrayList<>();
        }
        try {
            if (value instanceof Collection<?> collection) {
                return JSON.convertValue(collection, type);
            }
            String text = value instanceof SpinJsonNode node ? node.toString() : value.toString();
            if (text.isBlank()) {
                return new ArrayList<>();
            }
            return JSON.readValue(text, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Variable '" + name + "' is not a JSON list: " + e.getMessage(), e);
        }
    }
}
