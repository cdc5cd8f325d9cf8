package org.ersreferral.process.delegate;

import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A038: the booked referral's appointment (A005 first if booked elsewhere), whose date decides how long it is followed. */
@Component("readAppointmentDelegate")
class ReadAppointmentDelegate extends ErsTaskDelegate {

    private final ErsClient ers;
    private final FollowedStates states;
    private final AttendanceWindow window;

    ReadAppointmentDelegate(ErsClient ers, FollowedStates states, AttendanceWindow window) {
        this.ers = ers;
        this.states = states;
        this.window = window;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String appointmentId = states.appointmentId(variables, call);
        variables.set(FollowUp.ATTENDANCE_CHECK_DUE,
                window.endsAfter(appointmentId == null ? null : ers.retrieveAppointment(call, appointmentId).start()));
    }
}
