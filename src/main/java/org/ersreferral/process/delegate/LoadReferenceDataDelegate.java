package org.ersreferral.process.delegate;

import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.ReferralCodes;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A004 (cached by the client): the referral's codes in words; with no specialty yet, e-RS's lists for "Describe the need". */
@Component("loadReferenceDataDelegate")
class LoadReferenceDataDelegate extends ErsTaskDelegate {

    private final ErsClient ers;

    LoadReferenceDataDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        CodeSystemView specialties = ers.retrieveCodeSystem(call, ReferralCodes.SPECIALTY);
        // Read so a priority e-RS does not know fails here, not at the create; people read our one name for it.
        ers.retrieveCodeSystem(call, ReferralCodes.PRIORITY).display(variables.priority().name());
        variables.set(ReferralVariables.PRIORITY_DISPLAY, variables.priority().displayName());
        CodeLabels.record(variables, specialties, () -> ers.retrieveCodeSystem(call, ReferralCodes.CLINIC_TYPE));
    }
}
