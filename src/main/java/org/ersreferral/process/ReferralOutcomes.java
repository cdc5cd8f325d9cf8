package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Called from end events (and "patient to book"): the variable {@code outcome} always names how the referral ended. */
@Component("referralOutcomes")
public class ReferralOutcomes {

    public void record(DelegateExecution execution, String outcome) {
        ReferralVariables.of(execution).setOutcome(Outcome.valueOf(outcome));
    }
}
