package org.ersreferral.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** e-RS's business rules on referrals, in one transaction per call. */
@Service
@ConditionalOnSimulator
@Transactional(SimulatorPersistence.TRANSACTION_MANAGER)
class ReferralDesk {

    static final int MAX_SHORTLIST = 20;

    /** Where the referrer may change the shortlist (A031, A032): before a booking, or after one ended unseen. */
    static final Set<String> SHORTLIST_CHANGEABLE = Set.of(SimReferral.NOT_BOOKED, SimReferral.REJECTED,
            SimReferral.TRIAGE_RESPONSE, SimReferral.CANCELLED_BY_PATIENT, SimReferral.CANCELLED_BY_PROVIDER,
            SimReferral.DID_NOT_ATTEND);
    /** Where an appointment can be booked, deferred or the referral sent for triage (A016): no appointment is current. */
    static final Set<String> BOOKABLE = Set.of(SimReferral.NOT_BOOKED, SimReferral.CANCELLED_BY_PATIENT,
            SimReferral.CANCELLED_BY_PROVIDER);

    /** A031's new shortlist, with the search criteria that found it. */
    record NewShortlist(List<String> serviceIds, String priority, String specialty, String clinicType, String criteriaJson) {
    }

    record NewReferral(String nhsNumber, String priority, String specialty, String clinicType, List<String> shortlist,
                       String referringClinician, String ods, String requestId, Instant pathwayStart, String criteriaJson) {
    }

    private final SimReferralRepository referrals;
    private final SimServiceRepository services;
    private final SimSlotRepository slots;
    private final SimBinaryRepository binaries;
    private final SimulatorState state;

    ReferralDesk(SimReferralRepository referrals, SimServiceRepository services, SimSlotRepository slots,
                 SimBinaryRepository binaries, SimulatorState state) {
        this.referrals = referrals;
        this.services = services;
        this.slots = slots;
        this.binaries = binaries;
        this.state = state;
    }

    /** A011 (triage = false) and A021 (triage = true). */
    SimReferral create(NewReferral request, boolean sendForTriage) {
        List<SimService> shortlist = checkShortlist(request.shortlist(), request.priority(), request.specialty(), sendForTriage);
        String ubrn = String.format("%012d", state.nextValue("ubrn"));
        SimReferral referral = new SimReferral(ubrn, request.nhsNumber(), request.priority(), request.specialty(),
                request.clinicType(), request.shortlist(), request.referringClinician(), request.ods(), request.requestId(),
                request.pathwayStart(), request.criteriaJson());
        if (sendForTriage) {
            referral.propose(appointmentId(), shortlist.get(0).id(), "TRIAGE", null, null);
        }
        return referrals.save(referral);
    }

    private List<SimService> checkShortlist(List<String> ids, String priority, String specialty, boolean sendForTriage) {
        if (ids.isEmpty()) {
            throw ErsError.unprocessable("MISSING_VALUE", "The shortlist is empty: choose at least one service.");
        }
        if (sendForTriage && ids.size() != 1) {
            throw ErsError.unprocessable("INVALID_VALUE", "Create and send for triage needs exactly one referral "
                    + "assessment service in the shortlist, not " + ids.size() + ".");
        }
        if (ids.size() > MAX_SHORTLIST) {
            throw ErsError.unprocessable("INVALID_VALUE", "The shortlist has " + ids.size() + " services; at most "
                    + MAX_SHORTLIST + " are allowed.");
        }
        if (ids.stream().distinct().count() != ids.size()) {
            throw ErsError.unprocessable("INVALID_VALUE", "The shortlist names a service more than once.");
        }
        List<SimService> found = new ArrayList<>();
        for (String id : ids) {
            SimService service = services.findById(id).orElseThrow(() -> ErsError.unprocessable("REFERENCE_NOT_FOUND",
                    "Service " + id + " in the shortlist does not exist."));
            if (!service.accepts(priority)) {
                throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "Service " + id + " (" + service.name()
                        + ") does not accept " + priority + " referrals; it accepts "
                        + String.join(", ", service.priorities()) + ".");
            }
            if (specialty != null && !specialty.equals(service.specialty())) {
                throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "Service " + id + " (" + service.name()
                        + ") is commissioned for " + service.specialty() + ", not " + specialty + ".");
            }
            found.add(service);
        }
        boolean anyTriage = found.stream().anyMatch(SimService::triage);
        if (anyTriage && found.size() > 1) {
            throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "A referral assessment (triage) service must be the only "
                    + "service in the shortlist; this shortlist has " + found.size() + " services.");
        }
        if (sendForTriage && !anyTriage) {
            throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "Service " + ids.get(0) + " is not a referral "
                    + "assessment (triage) service, so the referral cannot be sent to it for triage.");
        }
        return found;
    }

    /** A referral the acting organisation may act on (A005, A012, A019, A031, A032, A036): 404 if none, 403 if another's. */
    SimReferral find(String ubrn, String actingOds) {
        if (ubrn == null || !ubrn.matches("\\d{12}")) {
            throw ErsError.notFound("Referral '" + ubrn + "' not found: a UBRN has 12 digits.");
        }
        return ofActingOrganisation(referrals.findById(ubrn).orElseThrow(() -> ErsError.notFound("Referral " + ubrn
                + " not found.")), actingOds);
    }

    /** A referral named in a search parameter (A029): an unknown one is a bad request there, not a missing page. */
    SimReferral findOrRefuse(String ubrn, String actingOds) {
        return ofActingOrganisation(referrals.findById(ubrn).orElseThrow(() -> ErsError.badRequest("REFERENCE_NOT_FOUND",
                "Referral " + ubrn + " not found.")), actingOds);
    }

    /** A referral named in a request's body (A016) or header (A020): an unknown one is an unprocessable request. */
    SimReferral findNamed(String ubrn, String where, String actingOds) {
        return ofActingOrganisation(referrals.findById(ubrn).orElseThrow(() -> ErsError.unprocessable("REFERENCE_NOT_FOUND",
                "Referral " + ubrn + " " + where + " does not exist.")), actingOds);
    }

    /**
     * The one place that decides, as e-RS: a referrer acts only on its own organisation's referrals, as
     * A008 lists only them. Every operation on an existing referral looks it up through this desk, which
     * refuses another organisation's (403 FORBIDDEN) before anything of it is shown or changed.
     */
    private static SimReferral ofActingOrganisation(SimReferral referral, String actingOds) {
        if (actingOds == null || !actingOds.equalsIgnoreCase(referral.commissioningOrg())) {
            throw ErsError.forbidden("Referral " + referral.ubrn() + " is not a referral of organisation " + actingOds
                    + ", which the user acts for.");
        }
        return referral;
    }

    /** A012: the given files become the referral letter (replacing the previous set). */
    SimReferral maintainLetter(String ubrn, String actingOds, String ifMatch, List<String> binaryIds) {
        SimReferral referral = find(ubrn, actingOds);
        checkVersion(referral, ifMatch);
        checkNotCancelled(referral);
        if (binaryIds.isEmpty()) {
            throw ErsError.unprocessable("MISSING_VALUE", "At least one referral letter file is required; a referral "
                    + "cannot be left without a referral letter.");
        }
        for (String id : binaryIds) {
            SimBinary binary = binaries.findById(id).orElseThrow(() -> ErsError.unprocessable("REFERENCE_NOT_FOUND",
                    "File Binary/" + id + " was not uploaded (A020) or no longer exists."));
            if (!ubrn.equals(binary.referralId())) {
                throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "File Binary/" + id + " was uploaded "
                        + (binary.referralId() == null ? "without" : "for another referral in")
                        + " header NHSD-eRS-Referral-ID; upload it for referral " + ubrn + ".");
            }
        }
        referral.attach(binaryIds);
        return referral;
    }

    /** A016 booking into a slot. */
    SimReferral book(String ubrn, String actingOds, String version, String serviceId, String slotId, String clinician,
                     String comment) {
        SimReferral referral = bookable(ubrn, actingOds, version, serviceId);
        SimService service = services.findById(serviceId).orElseThrow();
        if (!service.directlyBookable()) {
            throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "Service " + serviceId + " (" + service.name()
                    + ") is not directly bookable; the patient books with the provider.");
        }
        if (slotId == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "A booking needs the slot (Appointment.slot) to book.");
        }
        Optional<SimSlot> found = slots.findById(slotId);
        if (found.isPresent() && !serviceId.equals(found.get().serviceId())) {
            throw ErsError.unprocessable("INAPPROPRIATE_SLOT", "Slot " + slotId + " belongs to service "
                    + found.get().serviceId() + ", not " + serviceId + ".");
        }
        SimSlot slot = found.filter(s -> s.free() && s.start().isAfter(Instant.now())).orElseThrow(() -> ErsError.conflict(
                "SLOT_NOT_AVAILABLE", "Slot " + slotId + " is no longer available; search for free slots again."));
        if (clinician != null && slot.clinician() != null && !clinician.equals(slot.clinician())) {
            throw ErsError.unprocessable("INAPPROPRIATE_SLOT", "Slot " + slotId + " is with named clinician "
                    + slot.clinician() + ", not " + clinician + ".");
        }
        slot.take();
        referral.book(appointmentId(), slot, comment);
        return referral;
    }

    /** A016 deferral to the provider (NO_SLOTS_AT_SERVICE, SLOT_NOT_AVAILABLE, BOOKING_ATTEMPT_PROBLEM) or TRIAGE. */
    SimReferral propose(String ubrn, String actingOds, String version, String serviceId, String reason, String slotId,
                        String comment) {
        SimReferral referral = bookable(ubrn, actingOds, version, serviceId);
        SimService service = services.findById(serviceId).orElseThrow();
        switch (reason) {
            case "TRIAGE" -> {
                if (!service.triage()) {
                    throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "Service " + serviceId + " (" + service.name()
                            + ") is not a referral assessment (triage) service.");
                }
            }
            case "NO_SLOTS_AT_SERVICE" -> {
                checkDeferrable(service);
                if (state.freeSlots(serviceId) > 0) {
                    throw ErsError.unprocessable("SLOTS_CURRENTLY_AVAILABLE", "Service " + serviceId + " has free slots "
                            + "now, so booking cannot be deferred to the provider for lack of slots; book a slot instead.");
                }
            }
            case "SLOT_NOT_AVAILABLE" -> {
                checkDeferrable(service);
                if (slotId != null && slots.findById(slotId).map(s -> s.free() && s.start().isAfter(Instant.now())).orElse(false)) {
                    throw ErsError.unprocessable("THIS_SLOT_IS_AVAILABLE", "Slot " + slotId + " is still available; "
                            + "book it instead of deferring.");
                }
            }
            case "BOOKING_ATTEMPT_PROBLEM" -> checkDeferrable(service);
            default -> throw ErsError.unprocessable("INVALID_CODE", "Review reason '" + reason + "' is not one of "
                    + "NO_SLOTS_AT_SERVICE, SLOT_NOT_AVAILABLE, BOOKING_ATTEMPT_PROBLEM, TRIAGE.");
        }
        referral.propose(appointmentId(), serviceId, reason, slotId, comment);
        return referral;
    }

    private static void checkDeferrable(SimService service) {
        if (service.triage() || !service.directlyBookable()) {
            throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "Booking can only be deferred to a directly bookable "
                    + "service; " + service.id() + " (" + service.name() + ") is not one.");
        }
    }

    private SimReferral bookable(String ubrn, String actingOds, String version, String serviceId) {
        SimReferral referral = findNamed(ubrn, "in Appointment.incomingReferral", actingOds);
        if (version != null && !version.equals(String.valueOf(referral.version()))) {
            throw ErsError.conflict("INVALID_VALUE", "Referral " + ubrn + " is at version " + referral.version()
                    + ", not " + version + "; read it again (A005).");
        }
        if (!BOOKABLE.contains(referral.status())) {
            throw ErsError.unprocessable("INVALID_REQUEST_STATE", "Referral " + ubrn + " is " + referral.status()
                    + "; only a referral with no current appointment (" + String.join(", ", BOOKABLE.stream().sorted().toList())
                    + ") can be booked, deferred or sent for triage; change its shortlist first (A031).");
        }
        if (serviceId == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "The Appointment needs a participant identifying the service.");
        }
        if (!referral.shortlist().contains(serviceId)) {
            throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "Service " + serviceId + " is not on the shortlist of "
                    + "referral " + ubrn + " (" + String.join(", ", referral.shortlist()) + ").");
        }
        return referral;
    }

    /** A036. A booked slot becomes free again. */
    SimReferral cancel(String ubrn, String actingOds, String ifMatch, String reason, String comment) {
        SimReferral referral = find(ubrn, actingOds);
        checkVersion(referral, ifMatch);
        checkNotCancelled(referral);
        if (reason == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "Parameter 'cancellationReason' is required.");
        }
        if (!SeedData.CANCELLATION_REASONS.containsKey(reason)) {
            throw ErsError.unprocessable("INVALID_CODE", "Cancellation reason '" + reason + "' is not a referrer "
                    + "cancellation reason from REFERRAL-CANCELLATION-REASON.");
        }
        if (SeedData.COMMENT_REQUIRED.contains(reason) && (comment == null || comment.isBlank())) {
            throw ErsError.unprocessable("MISSING_VALUE", "Cancellation reason " + reason
                    + " needs a comment (parameter 'cancellationComments').");
        }
        if (SimReferral.BOOKED.equals(referral.status()) && referral.appointmentSlotId() != null) {
            slots.findById(referral.appointmentSlotId()).ifPresent(SimSlot::release);
        }
        referral.cancel(reason, comment);
        return referral;
    }

    /** A031 (sendForTriage false) and A032: the new shortlist replaces the old; A032 then sends it to its one triage service. */
    SimReferral changeShortlist(String ubrn, String actingOds, String ifMatch, NewShortlist shortlist, boolean sendForTriage) {
        SimReferral referral = find(ubrn, actingOds);
        checkVersion(referral, ifMatch);
        checkNotCancelled(referral);
        if (!SHORTLIST_CHANGEABLE.contains(referral.status())) {
            throw ErsError.unprocessable("INVALID_REQUEST_STATE", "Referral " + ubrn + " is " + referral.status()
                    + "; its shortlist can be changed only when it is "
                    + String.join(", ", SHORTLIST_CHANGEABLE.stream().sorted().toList()) + ".");
        }
        if (shortlist.priority() == null || !SeedData.PRIORITIES.containsKey(shortlist.priority())) {
            throw ErsError.unprocessable(shortlist.priority() == null ? "MISSING_VALUE" : "INVALID_CODE",
                    "Search criterion 'priority' must be one of " + String.join(", ", SeedData.PRIORITIES.keySet()) + ".");
        }
        List<SimService> services = checkShortlist(shortlist.serviceIds(), shortlist.priority(), shortlist.specialty(), sendForTriage);
        referral.changeShortlist(shortlist.serviceIds(), shortlist.priority(), shortlist.specialty(), shortlist.clinicType(),
                shortlist.criteriaJson());
        if (sendForTriage) {
            referral.propose(appointmentId(), services.get(0).id(), "TRIAGE", null, null);
        }
        return referral;
    }

    /** The referral whose current appointment this is (A038, A034). */
    SimReferral findByAppointment(String appointmentId, String actingOds) {
        return ofActingOrganisation(referrals.findByAppointmentId(appointmentId).orElseThrow(() ->
                ErsError.notFound("Appointment " + appointmentId + " not found.")), actingOds);
    }

    /** A034: the referrer cancels a directly booked appointment for the patient; its slot is free again. */
    SimReferral cancelAppointment(String appointmentId, String actingOds, String ifMatch, String reasonCode, String comment) {
        SimReferral referral = findByAppointment(appointmentId, actingOds);
        String version = ifMatchVersion(ifMatch, "the appointment's version (W/\"" + referral.appointmentVersion() + "\")");
        if (!version.equals(String.valueOf(referral.appointmentVersion()))) {
            throw ErsError.conflict("INVALID_VALUE", "Appointment " + appointmentId + " is at version "
                    + referral.appointmentVersion() + ", not " + version + " as sent in If-Match; read it again (A038).");
        }
        if (!SimReferral.BOOKED.equals(referral.status()) || referral.appointmentSlotId() == null) {
            throw ErsError.unprocessable("INVALID_REQUEST_STATE", "Appointment " + appointmentId + " is not a current "
                    + "appointment booked into a directly bookable service; only such an appointment can be cancelled.");
        }
        if (reasonCode == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "'reason' is missing: a code from APPOINTMENT-CANCELLATION-REASON.");
        }
        SeedData.AppointmentCancellationReason reason = SeedData.APPOINTMENT_CANCELLATION_REASONS.get(reasonCode);
        if (reason == null || !reason.referrerMayCancelWith()) {
            throw ErsError.unprocessable("INAPPROPRIATE_VALUE", "'reason' The reason provided is not valid in this case");
        }
        if (reason.commentMandatory() && (comment == null || comment.isBlank())) {
            throw ErsError.unprocessable("MISSING_VALUE", "'comment' is missing.");
        }
        slots.findById(referral.appointmentSlotId()).ifPresent(SimSlot::release);
        referral.endAppointment(SimReferral.CANCELLED_BY_PATIENT, "cancelled", reasonCode, comment);
        return referral;
    }

    private static String ifMatchVersion(String ifMatch, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ErsError.preconditionFailed("Header 'If-Match' with " + what + " is required.");
        }
        return ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
    }

    private static void checkVersion(SimReferral referral, String ifMatch) {
        String version = ifMatchVersion(ifMatch, "the referral's version (W/\"" + referral.version() + "\")");
        if (!version.equals(String.valueOf(referral.version()))) {
            throw ErsError.conflict("INVALID_VALUE", "Referral " + referral.ubrn() + " is at version "
                    + referral.version() + ", not " + version + " as sent in If-Match; read it again (A005).");
        }
    }

    private static void checkNotCancelled(SimReferral referral) {
        if (SimReferral.CANCELLED.equals(referral.status())) {
            throw ErsError.unprocessable("INVALID_REQUEST_STATE", "Referral " + referral.ubrn() + " is cancelled.");
        }
    }

    private String appointmentId() {
        return String.valueOf(state.nextValue("appointment"));
    }
}
