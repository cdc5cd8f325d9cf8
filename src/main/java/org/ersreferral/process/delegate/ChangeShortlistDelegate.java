package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ShortlistChange;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/**
 * A031: replaces a returned referral's shortlist. It books and sends nothing: the model books or sends for
 * triage next, or leaves the new shortlist for the patient to book, the outcome recorded here until then.
 */
@Component("changeShortlistDelegate")
class ChangeShortlistDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    ChangeShortlistDelegate(ErsSteps steps) {
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        ShortlistChange change = new ShortlistChange(variables.ubrn(), variables.referralVersion(), variables.serviceSearch(),
                variables.get(ReferralVariables.SHORTLIST), variables.get(ReferralVariables.ATTACH_LATER));
        ReferralStates.record(variables, steps.changeShortlist(call, change, false));
        variables.recordErsResult(Outcome.AWAITING_PATIENT_BOOKING);
    }
}
