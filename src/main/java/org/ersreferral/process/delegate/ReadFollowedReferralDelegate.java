package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A005 for a followed referral: its state now, when a chase is due and after the coordinator changed it. */
@Component("readFollowedReferralDelegate")
class ReadFollowedReferralDelegate extends ErsTaskDelegate {

    private final ErsClient ers;
    private final FollowedStates states;

    ReadFollowedReferralDelegate(ErsClient ers, FollowedStates states) {
        this.ers = ers;
        this.states = states;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        states.record(variables, call, ers.retrieveReferral(call, variables.ubrn()));
    }
}
