package org.ersreferral.ers;

/** A016 result: e-RS appointment id and status (booked, proposed). */
public record AppointmentResult(String appointmentId, String status) {
}
