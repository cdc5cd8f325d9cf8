package org.ersreferral.process.delegate;

import static org.ersreferral.process.ReferralProcess.ERROR_ERS_OUTCOME_UNKNOWN;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A011: creates the referral with the chosen shortlist. A create is never repeated once it may
 * have happened: with a UBRN on record it is skipped, and a request that got no answer goes to a
 * coordinator to reconcile.
 */
@Component("createReferralDelegate")
class CreateReferralDelegate extends ErsTaskDelegate {

    final ErsClient ers;

    CreateReferralDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    final void perform(ReferralVariables variables, ErsCall call) {
        if (variables.ubrn() != null) {
            return;
        }
        NewReferral referral = new NewReferral(variables.nhsNumber(), variables.serviceSearch(),
                variables.stringList(ReferralVariables.SHORTLIST), true);
        ReferralCreated created = create(call, referral);
        variables.set(ReferralVariables.UBRN, created.ubrn());
        variables.set(ReferralVariables.REFERRAL_VERSION, created.version());
        afterCreate(variables);
    }

    ReferralCreated create(ErsCall call, NewReferral referral) {
        return ers.createReferral(call, referral);
    }

    void afterCreate(ReferralVariables variables) {
    }

    @Override
    final void onOutcomeUnknown(ReferralVariables variables, DelegateExecution execution, ErsException.OutcomeUnknown e) {
        throw problem(variables, execution, ERROR_ERS_OUTCOME_UNKNOWN, e);
    }
}
