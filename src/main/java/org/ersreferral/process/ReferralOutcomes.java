package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Called from the end events (and "Patient to book"): the variable {@code outcome} always names how
 * the referral ended, the outcome {@link Outcome#recordedAt(String) declared for that event}.
 */
@Component("referralOutcomes")
public class ReferralOutcomes {

    public void record(DelegateExecution execution) {
        ReferralVariables.OUTCOME.set(execution, Outcome.recordedAt(execution.getCurrentActivityId()));
    }
}
