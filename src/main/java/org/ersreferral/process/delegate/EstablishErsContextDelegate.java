package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/** A030: checks that e-RS confirms the role the referral acts in (the acting person's choice, else the configured one). */
@Component("establishErsContextDelegate")
class EstablishErsContextDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    EstablishErsContextDelegate(ErsSteps steps) {
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        steps.requireActingRole(call);
    }
}
