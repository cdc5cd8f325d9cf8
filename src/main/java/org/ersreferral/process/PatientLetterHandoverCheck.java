package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "Give the patient their letter" completes only once the coordinator says how the letter went: handed over or posted. */
@Component("patientLetterHandoverCheck")
public class PatientLetterHandoverCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String handover = ReferralVariables.of(task).get(ReferralVariables.PATIENT_LETTER_HANDOVER);
        if (!ReferralVariables.HANDED_OVER.equals(handover) && !ReferralVariables.POSTED.equals(handover)) {
            throw new TaskCompletionRefused("Confirm that the letter was handed to the patient ("
                    + ReferralVariables.HANDED_OVER + ") or posted (" + ReferralVariables.POSTED + ")");
        }
    }
}
