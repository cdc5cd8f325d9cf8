package org.ersreferral.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * What happens to a sent referral outside the referrer's hands, played through the control API so a
 * test can follow a referral after sending: the provider rejects it, returns it from triage with
 * advice, cancels its appointment or records that the patient did not attend; the patient books; a
 * letter is found outstanding. Each moves the referral's state, version and last update like e-RS,
 * so A005, A008 and A038 show it.
 */
@Service
@ConditionalOnSimulator
@Transactional(SimulatorPersistence.TRANSACTION_MANAGER)
class ReferralEvents {

    private static final Set<String> REJECTABLE = Set.of(SimReferral.BOOKED, SimReferral.DEFERRED_TO_PROVIDER,
            SimReferral.AWAITING_TRIAGE);

    private final SimReferralRepository referrals;
    private final SimBinaryRepository binaries;
    private final SimServiceRepository services;
    private final SimSlotRepository slots;
    private final SimulatorState state;

    ReferralEvents(SimReferralRepository referrals, SimServiceRepository services, SimSlotRepository slots,
                   SimulatorState state, SimBinaryRepository binaries) {
        this.binaries = binaries;
        this.referrals = referrals;
        this.services = services;
        this.slots = slots;
        this.state = state;
    }

    /** The provider rejects the referral (a reason of usage REJECT, e.g. FURTHER_INFORMATION_REQUIRED). */
    SimReferral reject(String ubrn, String reasonCode, String comments) {
        SimReferral referral = referral(ubrn);
        requireState(referral, REJECTABLE, "be rejected");
        String reason = reasonCode == null ? "FURTHER_INFORMATION_REQUIRED" : reasonCode;
        SeedData.AppointmentCancellationReason known = SeedData.APPOINTMENT_CANCELLATION_REASONS.get(reason);
        if (known == null || !known.providerRejects()) {
            throw badRequest("reason must be a rejection reason of APPOINTMENT-CANCELLATION-REASON: "
                    + String.join(", ", SeedData.APPOINTMENT_CANCELLATION_REASONS.values().stream()
                    .filter(SeedData.AppointmentCancellationReason::providerRejects)
                    .map(SeedData.AppointmentCancellationReason::code).toList()));
        }
        releaseSlot(referral);
        referral.endAppointment(SimReferral.REJECTED, "cancelled", reason, comments);
        return referral;
    }

    /** The triage service returns the referral to the referrer with its advice. */
    SimReferral returnFromTriage(String ubrn, String advice) {
        SimReferral referral = referral(ubrn);
        requireState(referral, Set.of(SimReferral.AWAITING_TRIAGE), "be returned from triage");
        if (advice == null || advice.isBlank()) {
            throw badRequest("comments (the provider's advice to the referrer) are required");
        }
        referral.returnFromTriage(advice);
        return referral;
    }

    /** The provider cancels the booked appointment (a provider reason, e.g. CLINIC_CANCELLED); its slot is not offered again. */
    SimReferral cancelAppointment(String ubrn, String reasonCode, String comments) {
        SimReferral referral = referral(ubrn);
        requireState(referral, Set.of(SimReferral.BOOKED), "have its appointment cancelled by the provider");
        String reason = reasonCode == null ? "CLINIC_CANCELLED" : reasonCode;
        SeedData.AppointmentCancellationReason known = SeedData.APPOINTMENT_CANCELLATION_REASONS.get(reason);
        if (known == null || !known.providerCancels()) {
            throw badRequest("reason must be a provider's reason of APPOINTMENT-CANCELLATION-REASON: "
                    + String.join(", ", SeedData.APPOINTMENT_CANCELLATION_REASONS.values().stream()
                    .filter(SeedData.AppointmentCancellationReason::providerCancels)
                    .map(SeedData.AppointmentCancellationReason::code).toList()));
        }
        if (known.commentMandatory() && (comments == null || comments.isBlank())) {
            throw badRequest("reason " + reason + " needs comments");
        }
        referral.endAppointment(SimReferral.CANCELLED_BY_PROVIDER, "cancelled", reason, comments);
        return referral;
    }

    /** The patient cancels their booked appointment themselves (e-RS's patient channel); reason PATIENT_ILL unless another patient's reason is given. */
    SimReferral patientCancelsAppointment(String ubrn, String reasonCode, String comments) {
        SimReferral referral = referral(ubrn);
        requireState(referral, Set.of(SimReferral.BOOKED), "have its appointment cancelled by the patient");
        String reason = reasonCode == null ? "PATIENT_ILL" : reasonCode;
        SeedData.AppointmentCancellationReason known = SeedData.APPOINTMENT_CANCELLATION_REASONS.get(reason);
        if (known == null || !"PATIENT".equals(known.type())) {
            throw badRequest("reason must be a patient's reason of APPOINTMENT-CANCELLATION-REASON: "
                    + String.join(", ", SeedData.APPOINTMENT_CANCELLATION_REASONS.values().stream()
                    .filter(r -> "PATIENT".equals(r.type())).map(SeedData.AppointmentCancellationReason::code).toList()));
        }
        if (known.commentMandatory() && (comments == null || comments.isBlank())) {
            throw badRequest("reason " + reason + " needs comments");
        }
        referral.endAppointment(SimReferral.CANCELLED_BY_PATIENT, "cancelled", reason, comments);
        return referral;
    }

    /** The patient did not attend the booked appointment; the provider returns the referral to the referrer. */
    SimReferral didNotAttend(String ubrn, String reasonCode, String comments) {
        SimReferral referral = referral(ubrn);
        requireState(referral, Set.of(SimReferral.BOOKED), "be marked as not attended");
        if (reasonCode != null && !SeedData.NON_ATTENDANCE_REASONS.containsKey(reasonCode)) {
            throw badRequest("reason must be one of APPOINTMENT-NON-ATTENDANCE-REASON: "
                    + String.join(", ", SeedData.NON_ATTENDANCE_REASONS.keySet()));
        }
        referral.endAppointment(SimReferral.DID_NOT_ATTEND, "noshow", reasonCode, comments);
        return referral;
    }

    /**
     * The patient books a referral left for them to book: the first free slot of the service (the given
     * one, or the first shortlisted that is not a triage service), or, at an indirectly bookable service,
     * a time the provider gave them.
     */
    SimReferral patientBooks(String ubrn, String serviceId) {
        SimReferral referral = referral(ubrn);
        requireState(referral, ReferralDesk.BOOKABLE, "be booked by the patient");
        String chosen = serviceId != null ? serviceId : referral.shortlist().stream()
                .filter(id -> services.findById(id).map(s -> !s.triage()).orElse(false)).findFirst()
                .orElseThrow(() -> badRequest("the shortlist has no service the patient could book"));
        SimService service = services.findById(chosen).filter(s -> referral.shortlist().contains(s.id()))
                .orElseThrow(() -> badRequest("service " + chosen + " is not on the referral's shortlist"));
        if (service.triage()) {
            throw badRequest("service " + chosen + " is a triage service: a patient cannot book it");
        }
        String appointmentId = String.valueOf(state.nextValue("appointment"));
        if (service.directlyBookable()) {
            SimSlot slot = slots.findFree(service.id(), Instant.now()).stream().findFirst()
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT, "service " + chosen + " has no free slot"));
            slot.take();
            referral.book(appointmentId, slot, null);
        } else {
            Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(7).atTime(10, 0).toInstant(ZoneOffset.UTC);
            referral.bookedByPatient(appointmentId, service.id(), start, start.plus(30, ChronoUnit.MINUTES));
        }
        return referral;
    }

    /** A referral letter is owed (say an attachment failed): the referral is on LETTERS_OUTSTANDING until A012. */
    /**
     * e-RS's checks refused the referral letter's latest file ({@code THREATS_FOUND} or {@code VALIDATION_FAILED}):
     * A005 shows it unavailable, and the referral waits for a new letter on LETTERS_OUTSTANDING.
     */
    SimReferral attachmentFails(String ubrn, String status) {
        SimReferral referral = referral(ubrn);
        String failure = status == null ? "THREATS_FOUND" : status;
        if (!Set.of("THREATS_FOUND", "VALIDATION_FAILED").contains(failure)) {
            throw badRequest("status must be THREATS_FOUND or VALIDATION_FAILED");
        }
        List<String> attached = referral.attachments();
        if (attached.isEmpty()) {
            throw badRequest("referral " + ubrn + " has no attachment to fail");
        }
        binaries.findById(attached.get(attached.size() - 1)).orElseThrow(() -> badRequest("attachment not found")).failCheck(failure);
        return letterOutstanding(ubrn);
    }

    SimReferral letterOutstanding(String ubrn) {
        SimReferral referral = referral(ubrn);
        if (SimReferral.CANCELLED.equals(referral.status())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "referral " + ubrn + " is cancelled");
        }
        referral.markLetterOutstanding();
        return referral;
    }

    private void releaseSlot(SimReferral referral) {
        if (SimReferral.BOOKED.equals(referral.status()) && referral.appointmentSlotId() != null) {
            slots.findById(referral.appointmentSlotId()).ifPresent(SimSlot::release);
        }
    }

    private SimReferral referral(String ubrn) {
        return referrals.findById(ubrn).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No referral " + ubrn));
    }

    private static void requireState(SimReferral referral, Set<String> allowed, String what) {
        if (!allowed.contains(referral.status())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "referral " + referral.ubrn() + " is "
                    + referral.status() + "; only one that is " + String.join(" or ", allowed.stream().sorted().toList())
                    + " can " + what);
        }
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
