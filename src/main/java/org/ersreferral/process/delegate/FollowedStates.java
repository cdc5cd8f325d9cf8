package org.ersreferral.process.delegate;

import org.ersreferral.ers.ReferralState;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.process.ErsReferralStatus;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;

/** What a read of a followed referral (A005) leaves in the follow-up's variables, as a worklist message would. */
final class FollowedStates {

    private FollowedStates() {
    }

    static void record(ReferralVariables variables, ReferralState state) {
        ReferralStates.record(variables, state);
        ReferralStatus status = state.referralStatus();
        variables.set(FollowUp.ERS_STATUS, status);
        variables.set(FollowUp.ERS_STATUS_DISPLAY, ErsReferralStatus.words(status == null ? null : status.name()));
        if (state.appointmentId() != null) {
            variables.set(ReferralVariables.APPOINTMENT_ID, state.appointmentId());
        }
        // Read directly, not found on a worklist: a list named by an earlier message no longer applies.
        variables.set(FollowUp.ERS_WORKLIST, null);
    }
}
