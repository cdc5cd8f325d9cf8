package org.ersreferral.process.delegate;

import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.SlotOption;
import org.ersreferral.process.step.ErsSteps;

/** The A016 requests the referral's variables describe, and what an applied one leaves in them. */
final class AppointmentRequests {

    private AppointmentRequests() {
    }

    /** The chosen slot, with its named clinician as a participant when it has one, as e-RS requires. */
    static AppointmentRequest booking(ReferralVariables variables) {
        String slotId = variables.get(ReferralVariables.SLOT_ID);
        SlotOption slot = variables.get(ReferralVariables.SLOTS).stream()
                .filter(s -> slotId.equals(s.value())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Slot " + slotId + " is not among the slots offered"));
        return new AppointmentRequest(AppointmentRequest.Kind.BOOK, variables.ubrn(), variables.referralVersion(),
                variables.get(ReferralVariables.BOOK_SERVICE_ID), variables.nhsNumber(), slotId,
                slot.start(), slot.end(), null, slot.clinician());
    }

    /** A deferral to the provider for the reason the path recorded (no slots when none was). */
    static AppointmentRequest deferral(ReferralVariables variables) {
        String reason = variables.get(ReferralVariables.DEFERRAL_REASON);
        AppointmentRequest.Kind kind = switch (reason == null ? ReferralVariables.DEFERRAL_NO_SLOTS : reason) {
            case ReferralVariables.DEFERRAL_SLOT_NOT_AVAILABLE -> AppointmentRequest.Kind.DEFER_SLOT_NOT_AVAILABLE;
            case ReferralVariables.DEFERRAL_BOOKING_ATTEMPT_PROBLEM -> AppointmentRequest.Kind.DEFER_BOOKING_ATTEMPT_PROBLEM;
            default -> AppointmentRequest.Kind.DEFER_NO_SLOTS;
        };
        String slotId = kind == AppointmentRequest.Kind.DEFER_SLOT_NOT_AVAILABLE ? variables.get(ReferralVariables.SLOT_ID) : null;
        return new AppointmentRequest(kind, variables.ubrn(), variables.referralVersion(),
                variables.get(ReferralVariables.BOOK_SERVICE_ID), variables.nhsNumber(), slotId, null, null,
                variables.get(ReferralVariables.DEFERRAL_COMMENT));
    }

    /** Into the triage (RAS) service, the first and only one on the shortlist. */
    static AppointmentRequest triage(ReferralVariables variables) {
        return new AppointmentRequest(AppointmentRequest.Kind.TRIAGE, variables.ubrn(), variables.referralVersion(),
                variables.get(ReferralVariables.SHORTLIST).get(0), variables.nhsNumber(), null, null, null, null);
    }

    static void record(ReferralVariables variables, ErsSteps.Applied applied, Outcome outcome) {
        if (applied.appointmentId() != null) {
            variables.set(ReferralVariables.APPOINTMENT_ID, applied.appointmentId());
        }
        if (applied.version() != null) {
            variables.set(ReferralVariables.REFERRAL_VERSION, applied.version());
        }
        variables.recordErsResult(outcome);
    }
}
