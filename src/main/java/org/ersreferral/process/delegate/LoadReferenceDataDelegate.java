package org.ersreferral.process.delegate;

import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A004: the display names of the referral's codes, so tasks read "Cardiology, urgent" rather than
 * codes. The client caches code systems, so this costs e-RS a call per TTL, not per referral.
 */
@Component("loadReferenceDataDelegate")
class LoadReferenceDataDelegate extends ErsTaskDelegate {

    static final String SPECIALTY = "SPECIALTY";
    static final String PRIORITY = "PRIORITY";
    static final String CLINIC_TYPE = "CLINIC-TYPE";

    private final ErsClient ers;

    LoadReferenceDataDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        CodeSystemView specialties = ers.retrieveCodeSystem(call, SPECIALTY);
        CodeSystemView priorities = ers.retrieveCodeSystem(call, PRIORITY);
        variables.set(ReferralVariables.SPECIALTY_DISPLAY, specialties.display(variables.string(ReferralVariables.SPECIALTY)));
        variables.set(ReferralVariables.PRIORITY_DISPLAY, priorities.display(variables.priority()));
        String clinicType = variables.string(ReferralVariables.CLINIC_TYPE);
        if (clinicType != null) {
            variables.set(ReferralVariables.CLINIC_TYPE_DISPLAY, ers.retrieveCodeSystem(call, CLINIC_TYPE).display(clinicType));
        }
    }
}
