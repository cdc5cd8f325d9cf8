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
    /** e-RS's codes; null where no e-RS is at hand (process tests): the codes are then not checked here. */
    private final ReferralCodes codes;

    @Autowired
    public ReferralRequestValidator(ErsProperties properties, ReferralCodes codes) {
        this.createAndSendForTriage = properties.createAndSendForTriage();
        this.codes = codes;
    }

    public ReferralRequestValidator(boolean createAndSendForTriage) {
        this.createAndSendForTriage = createAndSendForTriage;
        this.codes = null;
    }

    @Override
    public void notify(DelegateExecution execution) {
        ReferralVariables variables = ReferralVariables.of(execution);
        String businessKeyProblem = StartInput.requestIdProblem(execution.getProcessBusinessKey(), true);
        List<String> problems = new ArrayList<>();
        if (businessKeyProblem != null) {
            problems.add(businessKeyProblem);
        }
        // Read as text: what a caller sent is checked before it is read as its type.
        problems.addAll(StartInput.problems(NHS_NUMBER.text(execution), PRIORITY.text(execution), SPECIALTY.text(execution),
                CLINIC_TYPE.text(execution), CLINICAL_TERM.text(execution), NAMED_CLINICIAN.text(execution),
                POSTCODE.text(execution), false));
        String patientNameProblem = StartInput.patientNameProblem(PATIENT_NAME.text(execution));
        if (patientNameProblem != null) {
            problems.add(patientNameProblem);
        }
        if (problems.isEmpty() && codes != null) {
            problems.addAll(codes.startProblems(SPECIALTY.text(execution), CLINIC_TYPE.text(execution)));
        }
        if (!problems.isEmpty()) {
            throw new ReferralInputRefused("Referral not started: " + String.join("; ", problems));
        }
        variables.set(NHS_NUMBER, NhsNumber.normalise(NHS_NUMBER.text(execution)));
        if (execution.getProcessBusinessKey() == null) {
            // Tasklist starts carry no business key; the instance id then serves as the request id.
            execution.setProcessBusinessKey(execution.getProcessInstanceId());
        }
        variables.set(REQUEST_ID, execution.getProcessBusinessKey());
        variables.set(CREATE_AND_SEND_FOR_TRIAGE, createAndSendForTriage);
        // Words for every list and form from the start, before e-RS's reference data step runs.
        variables.set(PRIORITY_DISPLAY, variables.priority().displayName());
        String specialtyDisplay = codes == null ? null : codes.display(ReferralCodes.SPECIALTY, SPECIALTY.text(execution));
        if (specialtyDisplay != null) {
            variables.set(SPECIALTY_DISPLAY, specialtyDisplay);
        }
        for (ProcessVariable<?> optional : List.of(PATIENT_NAME, SPECIALTY, CLINIC_TYPE, CLINICAL_TERM, NAMED_CLINICIAN, POSTCODE, UBRN,
                BOOK_SERVICE_ID, OUTCOME)) {
            if (optional.text(execution) == null) {
                variables.clear(optional);
            }
        }
        for (ProcessVariable<Boolean> flag : List.of(TRIAGE_SERVICE, ATTACH_LATER, DEFER_TO_PROVIDER, ABANDON_SEARCH)) {
            variables.set(flag, false);
        }
        variables.set(PATIENT_LETTER_TASK, variables.get(PATIENT_LETTER_TASK));
    }

    /**
     * Everything wrong with a GP system's request, in words a referrer understands; empty when
     * valid. A GP system knows the specialty, so it is required here.
     */
    public static List<String> problems(String nhsNumber, String priority, String specialty) {
        return StartInput.problems(nhsNumber, priority, specialty, null, null, null, null, true);
    }
}
