package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/** A016 with review reason TRIAGE: sends a referral created by A011 into its triage (RAS) service. */
@Component("sendForTriageDelegate")
class SendForTriageDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    SendForTriageDelegate(ErsSteps steps) {
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        AppointmentRequests.record(variables, steps.bookOrDefer(call, AppointmentRequests.triage(variables)),
                Outcome.SENT_FOR_TRIAGE);
    }
}
