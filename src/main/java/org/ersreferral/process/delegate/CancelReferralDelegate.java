package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/**
 * A036: cancels the referral in e-RS, unless e-RS shows it cancelled already. Cancelling is the way
 * out of every other problem, so a failure here stays an incident an operator can retry in Cockpit.
 */
@Component("cancelReferralDelegate")
class CancelReferralDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    CancelReferralDelegate(ErsSteps steps) {
        super(FailureRoute.INCIDENT);
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        ReferralStates.record(variables, steps.cancel(call, variables.ubrn(), TaskLabels.cancellationReason(variables),
                TaskLabels.cancellationComment(variables, call.step())));
        variables.recordErsResult(Outcome.CANCELLED);
    }
}
