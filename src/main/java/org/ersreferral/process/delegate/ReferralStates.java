package org.ersreferral.process.delegate;

import org.ersreferral.ers.ReferralState;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;

/** What e-RS's state of the referral (A005, or the answer to a change) leaves in the referral's variables. */
final class ReferralStates {

    private ReferralStates() {
    }

    static void record(ReferralVariables variables, ReferralState state) {
        variables.set(ReferralVariables.REFERRAL_STATUS, state.status());
        variables.set(ReferralVariables.REFERRAL_VERSION, state.version());
        if (state.lastUpdated() != null) {
            // When e-RS last changed it: the follow-up tells a state it saw before from a new one by it.
            variables.set(FollowUp.ERS_LAST_UPDATED, state.lastUpdated().toString());
        }
    }
}
