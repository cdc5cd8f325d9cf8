package org.ersreferral.process.delegate;

import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/** A021 (deprecated upstream, kept for {@code ers.triage-mode=create-and-send}): create and send to a RAS at once. */
@Component("createReferralAndSendForTriageDelegate")
class CreateReferralAndSendForTriageDelegate extends CreateReferralDelegate {

    CreateReferralAndSendForTriageDelegate(ErsSteps steps) {
        super(steps);
    }

    @Override
    boolean sendsForTriage() {
        return true;
    }

    @Override
    void afterCreate(ReferralVariables variables) {
        variables.setOutcome(Outcome.SENT_FOR_TRIAGE);
    }
}
