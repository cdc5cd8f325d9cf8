package org.ersreferral.process;

import static org.ersreferral.process.ReferralVariables.*;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.ersreferral.ers.ErsProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs as the referral starts, before anything is committed: bad input is refused with a message
 * the caller can act on (REST answers 400), never turned into an incident. Also gives every
 * variable the gateways read a defined value. The specialty may be missing here: a start form gets
 * no variables, so it cannot offer e-RS's specialties, and "Describe the need" asks for it instead.
 */
@Component("referralRequestValidator")
public class ReferralRequestValidator implements ExecutionListener {

    private final boolean createAndSendForTriage;

    @Autowired
    public ReferralRequestValidator(ErsProperties properties) {
        this(properties.createAndSendForTriage());
    }

    public ReferralRequestValidator(boolean createAndSendForTriage) {
        this.createAndSendForTriage = createAndSendForTriage;
    }

    @Override
    public void notify(DelegateExecution execution) {
        ReferralVariables variables = ReferralVariables.of(execution);
        List<String> problems = startProblems(variables.nhsNumber(), variables.priority());
        if (!problems.isEmpty()) {
            throw new ReferralInputRefused("Referral not started: " + String.join("; ", problems));
        }
        variables.set(NHS_NUMBER, NhsNumber.normalise(variables.nhsNumber()));
        if (execution.getProcessBusinessKey() == null) {
            // Tasklist starts carry no business key; the instance id then serves as the request id.
            execution.setProcessBusinessKey(execution.getProcessInstanceId());
        }
        variables.set(REQUEST_ID, execution.getProcessBusinessKey());
        variables.set(CREATE_AND_SEND_FOR_TRIAGE, createAndSendForTriage);
        for (String optional : List.of(SPECIALTY, CLINIC_TYPE, CLINICAL_TERM, NAMED_CLINICIAN, POSTCODE, UBRN, BOOK_SERVICE_ID, OUTCOME)) {
            if (variables.string(optional) == null) {
                variables.setNull(optional);
            }
        }
        for (String flag : List.of(TRIAGE_SERVICE, ATTACH_LATER, DEFER_TO_PROVIDER, ABANDON_SEARCH)) {
            variables.set(flag, false);
        }
        variables.set(PATIENT_LETTER_TASK, variables.flag(PATIENT_LETTER_TASK));
    }

    /**
     * Everything wrong with a GP system's request, in words a referrer understands; empty when
     * valid. A GP system knows the specialty, so it is required here.
     */
    public static List<String> problems(String nhsNumber, String priority, String specialty) {
        List<String> problems = startProblems(nhsNumber, priority);
        if (specialty == null || specialty.isBlank()) {
            problems.add("specialty is required");
        }
        return problems;
    }

    /** What any start must get right; the specialty can still be described by a coordinator. */
    static List<String> startProblems(String nhsNumber, String priority) {
        List<String> problems = new ArrayList<>();
        String nhsProblem = NhsNumber.problem(nhsNumber);
        if (nhsProblem != null) {
            problems.add(nhsProblem);
        }
        if (priority == null || priority.isBlank()) {
            problems.add("priority is required (one of " + Priority.allowed() + ")");
        } else if (!Priority.isKnown(priority)) {
            problems.add("priority '" + priority + "' is unknown (use one of " + Priority.allowed() + ")");
        }
        return problems;
    }
}
