package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ReferenceDataService;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.process.ErsReferralStatus;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** What a read of a followed referral (A005) leaves in the follow-up's variables, as a worklist message would. */
@Component
class FollowedStates {

    private final ReferenceDataService referenceData;
    private final ErsClient ers;

    FollowedStates(ReferenceDataService referenceData, ErsClient ers) {
        this.referenceData = referenceData;
        this.ers = ers;
    }

    /** The referral's appointment as e-RS has it now (A005, recorded): it may have been rebooked or cancelled elsewhere. */
    String appointmentId(ReferralVariables variables, ErsCall call) {
        ReferralState state = ers.retrieveReferral(call, variables.ubrn());
        record(variables, call, state);
        return state.appointmentId();
    }

    void record(ReferralVariables variables, ErsCall call, ReferralState state) {
        ReferralStates.record(variables, state);
        ReferralStatus status = state.referralStatus();
        variables.set(FollowUp.ERS_STATUS, status);
        variables.set(FollowUp.ERS_STATUS_DISPLAY, ErsReferralStatus.words(status == null ? null : status.name()));
        variables.set(FollowUp.ERS_STATUS_REASON, state.reason() == null ? null : state.reason().code());
        variables.set(FollowUp.ERS_STATUS_REASON_DISPLAY, referenceData.reasonDisplay(call, state.reason()));
        variables.set(FollowUp.ERS_STATUS_COMMENTS, state.comments());
        variables.set(FollowUp.LETTER_PROBLEMS, FollowUp.letterProblems(state.unavailableAttachments()));
        variables.set(FollowUp.REFUSED_LETTER_FILES, FollowUp.refusedLetterFiles(state.unavailableAttachments()));
        // e-RS's current appointment, none included: an old one is never read (A038) or cancelled (A034) again.
        variables.set(ReferralVariables.APPOINTMENT_ID, state.appointmentId());
        // Read directly, not found on a worklist: a list named by an earlier message no longer applies.
        variables.set(FollowUp.ERS_WORKLIST, null);
    }
}
