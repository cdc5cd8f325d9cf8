package org.ersreferral.ers;

/**
 * A034 input: cancel the appointment as read by A038 (its id, version and participants go back to e-RS).
 *
 * @param reasonCode a referrer's code from APPOINTMENT-CANCELLATION-REASON (A004)
 * @param comment    required by e-RS for some reasons; null for none
 */
public record AppointmentCancellation(AppointmentView appointment, String reasonCode, String comment) {
}
