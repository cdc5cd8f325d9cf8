package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/**
 * A011: creates the referral with the chosen shortlist; skipped with a UBRN on record. The step
 * service never sends a create twice; one that got no answer goes to a coordinator to reconcile.
 */
@Component("createReferralDelegate")
class CreateReferralDelegate extends ErsTaskDelegate {

    final ErsSteps steps;

    CreateReferralDelegate(ErsSteps steps) {
        this.steps = steps;
    }

    @Override
    final void perform(ReferralVariables variables, ErsCall call) {
        if (variables.ubrn() == null) {
            ReferralCreated created = steps.create(call, new NewReferral(variables.nhsNumber(), variables.serviceSearch(),
                    variables.stringList(ReferralVariables.SHORTLIST), true), sendsForTriage());
            variables.set(ReferralVariables.UBRN, created.ubrn());
            variables.set(ReferralVariables.REFERRAL_VERSION, created.version());
            afterCreate(variables);
        }
    }

    boolean sendsForTriage() {
        return false;
    }

    void afterCreate(ReferralVariables variables) {
    }

    @Override
    final boolean unknownOutcomeToCoordinator() {
        return true;
    }
}
