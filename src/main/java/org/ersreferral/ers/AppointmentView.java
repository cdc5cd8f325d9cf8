package org.ersreferral.ers;

import java.time.OffsetDateTime;

/**
 * A038 result (and A034's answer): a referral's current appointment with its own version, which a
 * change of it (A034) names in If-Match.
 *
 * @param status          e-RS appointment status: {@code booked}, {@code proposed} (deferred or in triage), {@code cancelled}
 * @param slotId          the booked slot, or null (indirectly bookable, deferred)
 * @param reason          code of the review reason (deferral, triage), review outcome or cancellation reason, or null
 * @param comment         the comment that came with it, or null
 * @param referralVersion the referral version the appointment was made on
 * @param serviceName     the service's name as e-RS shows it, or null
 * @param nhsNumber       the patient: needed to send the appointment back (A034); never logged or kept in a variable
 * @param clinician       SDS user id of the named clinician participant, or null
 */
public record AppointmentView(String id, String version, String status, String slotId, OffsetDateTime start,
                              OffsetDateTime end, String reason, String comment, String ubrn, String referralVersion,
                              String serviceId, String serviceName, String nhsNumber, String clinician) {

    /** Without the patient: a record's text may end up in a log line. */
    @Override
    public String toString() {
        return "AppointmentView[id=" + id + ", version=" + version + ", status=" + status + ", slotId=" + slotId
                + ", start=" + start + ", end=" + end + ", reason=" + reason + ", ubrn=" + ubrn + ", referralVersion="
                + referralVersion + ", serviceId=" + serviceId + "]";
    }
}
