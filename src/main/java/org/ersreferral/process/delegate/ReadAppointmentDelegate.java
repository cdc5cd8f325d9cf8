package org.ersreferral.process.delegate;

import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ersreferral.ers.AppointmentView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A038: the booked referral's appointment, to know when to stop following it. A patient who did not
 * attend comes back on a worklist within the attendance window after the appointment; when that window
 * has passed with nothing from e-RS, the follow-up ends.
 */
@Component("readAppointmentDelegate")
class ReadAppointmentDelegate extends ErsTaskDelegate {

    private final ErsClient ers;
    private final FollowedStates states;
    private final Duration attendanceWindow;

    ReadAppointmentDelegate(ErsClient ers, FollowedStates states, @Value("${ers.follow-up.attendance-window:P14D}") Duration attendanceWindow) {
        if (attendanceWindow.isNegative()) {
            throw new IllegalArgumentException("ers.follow-up.attendance-window must not be negative");
        }
        this.ers = ers;
        this.states = states;
        this.attendanceWindow = attendanceWindow;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String appointmentId = variables.get(ReferralVariables.APPOINTMENT_ID);
        if (appointmentId == null) {
            // Booked by the patient or the provider: e-RS knows the appointment, the process does not yet.
            ReferralState state = ers.retrieveReferral(call, variables.ubrn());
            states.record(variables, call, state);
            appointmentId = state.appointmentId();
        }
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant appointment = now;
        if (appointmentId != null) {
            AppointmentView view = ers.retrieveAppointment(call, appointmentId);
            if (view.start() != null && view.start().toInstant().isAfter(now)) {
                appointment = view.start().toInstant();
            }
        }
        variables.set(FollowUp.ATTENDANCE_CHECK_DUE, appointment.plus(attendanceWindow).toString());
    }
}
