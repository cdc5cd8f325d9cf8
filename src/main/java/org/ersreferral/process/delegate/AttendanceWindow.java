package org.ersreferral.process.delegate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long a booked referral is followed after its appointment: a patient who did not attend comes back
 * on a worklist within this window; when it has passed with nothing from e-RS, the follow-up ends.
 */
@Component
class AttendanceWindow {

    private final Duration window;

    AttendanceWindow(@Value("${ers.follow-up.attendance-window:P14D}") Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("ers.follow-up.attendance-window must not be negative");
        }
        this.window = window;
    }

    /** When to stop following: the window after the appointment, or after now when it is unknown or past. */
    String endsAfter(OffsetDateTime appointment) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant from = appointment != null && appointment.toInstant().isAfter(now) ? appointment.toInstant() : now;
        return from.plus(window).toString();
    }
}
