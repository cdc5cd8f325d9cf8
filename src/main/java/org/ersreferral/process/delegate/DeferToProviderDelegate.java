package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/** A016 deferral: the provider will arrange the appointment, for the reason the path recorded. */
@Component("deferToProviderDelegate")
class DeferToProviderDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    DeferToProviderDelegate(ErsSteps steps) {
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        AppointmentRequests.record(variables, steps.bookOrDefer(call, AppointmentRequests.deferral(variables)),
                Outcome.DEFERRED_TO_PROVIDER);
    }
}
