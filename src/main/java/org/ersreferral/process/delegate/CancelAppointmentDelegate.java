package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/** A034 at the patient's request (reason and words as the coordinator gave them), then A005: the referral to book again. */
@Component("cancelAppointmentDelegate")
class CancelAppointmentDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;
    private final ErsClient ers;
    private final FollowedStates states;

    CancelAppointmentDelegate(ErsSteps steps, ErsClient ers, FollowedStates states) {
        this.steps = steps;
        this.ers = ers;
        this.states = states;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        steps.cancelAppointment(call, states.appointmentId(variables, call), variables.get(FollowUp.APPOINTMENT_CANCELLATION_REASON),
                variables.get(FollowUp.APPOINTMENT_CANCELLATION_COMMENT));
        states.record(variables, call, ers.retrieveReferral(call, variables.ubrn()));
    }
}
