package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A021 (deprecated upstream, kept for {@code ers.triage-mode=create-and-send}): create and send to a RAS at once. */
@Component("createReferralAndSendForTriageDelegate")
class CreateReferralAndSendForTriageDelegate extends CreateReferralDelegate {

    CreateReferralAndSendForTriageDelegate(ErsClient ers) {
        super(ers);
    }

    @Override
    ReferralCreated create(ErsCall call, NewReferral referral) {
        return ers.createReferralAndSendForTriage(call, referral);
    }

    @Override
    void afterCreate(ReferralVariables variables) {
        variables.setOutcome(Outcome.SENT_FOR_TRIAGE);
    }
}
