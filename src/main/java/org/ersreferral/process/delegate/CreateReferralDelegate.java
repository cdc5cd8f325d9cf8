package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/**
 * A011: creates the referral with the chosen shortlist; skipped with a UBRN on record. The step
 * service never sends a create twice; one that got no answer goes to a coordinator to reconcile.
 */
@Component("createReferralDelegate")
class CreateReferralDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    CreateReferralDelegate(ErsSteps steps) {
        super(FailureRoute.COORDINATOR_ALSO_WITHOUT_ANSWER);
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        if (variables.ubrn() == null) {
            NewReferrals.record(variables, steps.create(call, NewReferrals.of(variables), false));
        }
    }
}
