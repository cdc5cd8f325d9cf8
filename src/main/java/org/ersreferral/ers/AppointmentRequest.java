package org.ersreferral.ers;

import java.time.OffsetDateTime;

/**
 * A016 input. {@link Kind#BOOK} needs a slot; a deferral names why; {@link Kind#TRIAGE} sends the
 * referral into the triage service.
 *
 * @param clinician SDS user id of the slot's named clinician ({@link Slot#clinician()}), who must then
 *                  be a participant of the booking; null for slots without one
 */
public record AppointmentRequest(Kind kind, String ubrn, String referralVersion, String serviceId, String nhsNumber,
                                 String slotId, OffsetDateTime start, OffsetDateTime end,
                                 String comment, String clinician) {

    public AppointmentRequest(Kind kind, String ubrn, String referralVersion, String serviceId, String nhsNumber,
                              String slotId, OffsetDateTime start, OffsetDateTime end,
                              String comment) {
        this(kind, ubrn, referralVersion, serviceId, nhsNumber, slotId, start, end, comment, null);
    }

    public enum Kind {
        BOOK, TRIAGE,
        /** no free slot at the service (eRS-ReviewReason NO_SLOTS_AT_SERVICE) */
        DEFER_NO_SLOTS,
        /** the chosen slot was taken (SLOT_NOT_AVAILABLE), slotId names it */
        DEFER_SLOT_NOT_AVAILABLE,
        /** the provider's system failed or timed out while booking (BOOKING_ATTEMPT_PROBLEM) */
        DEFER_BOOKING_ATTEMPT_PROBLEM
    }
}
