package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A005: records the referral's final e-RS state and version in the process history. */
@Component("retrieveReferralStateDelegate")
class RetrieveReferralStateDelegate extends ErsTaskDelegate {

    private final ErsClient ers;

    RetrieveReferralStateDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        ReferralStates.record(variables, ers.retrieveReferral(call, variables.ubrn()));
    }
}
