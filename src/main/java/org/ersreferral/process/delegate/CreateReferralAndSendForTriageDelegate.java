package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/**
 * A021 (deprecated upstream, kept for {@code ers.triage-mode=create-and-send}): create and send to a
 * RAS at once; otherwise as {@link CreateReferralDelegate}, a create with no answer included.
 */
@Component("createReferralAndSendForTriageDelegate")
class CreateReferralAndSendForTriageDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    CreateReferralAndSendForTriageDelegate(ErsSteps steps) {
        super(FailureRoute.COORDINATOR_ALSO_WITHOUT_ANSWER);
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        if (variables.ubrn() == null) {
            NewReferrals.record(variables, steps.create(call, NewReferrals.of(variables), true));
            variables.recordErsResult(Outcome.SENT_FOR_TRIAGE);
        }
    }
}
