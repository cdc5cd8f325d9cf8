package org.ersreferral.simulator;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.dstu3.model.Appointment;
import org.hl7.fhir.dstu3.model.Reference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A016: book a slot, defer booking to the provider, or send into triage; A038 read the referral's
 * current appointment; A034 cancel a directly booked appointment (the only update e-RS allows).
 */
@RestController
@ErsFhirApi
@ConditionalOnSimulator
@RequestMapping(FhirIo.FHIR_PATH + "/STU3/Appointment")
class AppointmentController {

    private final FhirIo fhir;
    private final ReferralDesk desk;
    private final ReferralMapper mapper;

    AppointmentController(FhirIo fhir, ReferralDesk desk, ReferralMapper mapper) {
        this.fhir = fhir;
        this.desk = desk;
        this.mapper = mapper;
    }

    @ErsOperation("A016")
    @PostMapping
    ResponseEntity<String> bookOrDefer(@RequestBody(required = false) String body, HttpServletRequest request) {
        Appointment appointment = fhir.parse(Appointment.class, body);
        if (appointment.getIncomingReferral().isEmpty()) {
            throw ErsError.unprocessable("MISSING_VALUE", "Appointment.incomingReferral "
                    + "(ReferralRequest/<ubrn>/_history/<version>) is required.");
        }
        String reference = appointment.getIncomingReferralFirstRep().getReference();
        Matcher m = Pattern.compile("(?:.*/)?ReferralRequest/(\\d{12})(?:/_history/(\\d+))?")
                .matcher(reference == null ? "" : reference);
        if (!m.matches()) {
            throw ErsError.unprocessable("INVALID_VALUE", "Appointment.incomingReferral '" + reference
                    + "' is not ReferralRequest/<12-digit UBRN>/_history/<version>.");
        }
        String ubrn = m.group(1);
        String version = m.group(2);
        String serviceId = null;
        String clinician = null;
        for (Appointment.AppointmentParticipantComponent p : appointment.getParticipant()) {
            String system = p.getActor().getIdentifier().getSystem();
            if (FhirIo.ERS_SERVICE.equals(system)) {
                serviceId = p.getActor().getIdentifier().getValue();
            } else if (FhirIo.SDS_USER.equals(system)) {
                clinician = p.getActor().getIdentifier().getValue();
            }
        }
        String slotId = appointment.getSlot().isEmpty() ? null : idOf(appointment.getSlotFirstRep(), "Slot");
        String comment = appointment.hasComment() ? appointment.getComment() : null;
        Appointment.AppointmentStatus status = appointment.getStatus();
        SimReferral referral;
        if (status == Appointment.AppointmentStatus.BOOKED) {
            referral = desk.book(ubrn, ErsGatekeeper.actingOds(request), version, serviceId, slotId, clinician, comment);
        } else if (status == Appointment.AppointmentStatus.PROPOSED) {
            String reason = appointment.getReason().isEmpty() ? null : appointment.getReasonFirstRep().getCodingFirstRep().getCode();
            if (reason == null) {
                throw ErsError.unprocessable("MISSING_VALUE", "A proposed Appointment needs a reason "
                        + "(eRS-ReviewReason-1: NO_SLOTS_AT_SERVICE, SLOT_NOT_AVAILABLE, BOOKING_ATTEMPT_PROBLEM or TRIAGE).");
            }
            referral = desk.propose(ubrn, ErsGatekeeper.actingOds(request), version, serviceId, reason, slotId, comment);
        } else {
            throw ErsError.unprocessable("INVALID_VALUE", "Appointment.status must be 'booked' (book a slot) or "
                    + "'proposed' (defer to the provider or send for triage), not '" + (status == null ? null : status.toCode()) + "'.");
        }
        // The answer points at the referral's new version, as e-RS does after the change.
        return fhir.respond(HttpStatus.CREATED, mapper.appointment(referral, referral.appointmentId()));
    }

    /** A038: the current appointment of a referral, with its own version. */
    @ErsOperation(value = "A038", roles = {"REFERRING_CLINICIAN", "REFERRING_CLINICIAN_ADMIN", "SERVICE_PROVIDER_CLINICIAN",
            "SERVICE_PROVIDER_CLINICIAN_ADMIN"})
    @GetMapping("/{id}")
    ResponseEntity<String> read(@PathVariable String id, HttpServletRequest request) {
        SimReferral referral = desk.findByAppointment(id, ErsGatekeeper.actingOds(request));
        return fhir.respond(HttpStatus.OK, mapper.appointment(referral, id), referral.appointmentVersion());
    }

    /** A038 (versioned): e-RS keeps only the most recent version of an appointment. */
    @ErsOperation(value = "A038", roles = {"REFERRING_CLINICIAN", "REFERRING_CLINICIAN_ADMIN", "SERVICE_PROVIDER_CLINICIAN",
            "SERVICE_PROVIDER_CLINICIAN_ADMIN"})
    @GetMapping("/{id}/_history/{version}")
    ResponseEntity<String> readVersion(@PathVariable String id, @PathVariable String version, HttpServletRequest request) {
        SimReferral referral = desk.findByAppointment(id, ErsGatekeeper.actingOds(request));
        if (!version.equals(String.valueOf(referral.appointmentVersion()))) {
            throw ErsError.notFound("Version " + version + " of appointment " + id + " is not available; the current version is "
                    + referral.appointmentVersion() + ".");
        }
        return fhir.respond(HttpStatus.OK, mapper.appointment(referral, id), referral.appointmentVersion());
    }

    /** A034: cancel the appointment for the patient, with a referrer's reason from APPOINTMENT-CANCELLATION-REASON. */
    @ErsOperation("A034")
    @PutMapping("/{id}")
    ResponseEntity<String> update(@PathVariable String id, @RequestBody(required = false) String body,
                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                  HttpServletRequest request) {
        Appointment appointment = fhir.parse(Appointment.class, body);
        if (appointment.getStatus() != Appointment.AppointmentStatus.CANCELLED) {
            throw ErsError.unprocessable("INVALID_VALUE", "Appointment.status must be 'cancelled': cancelling is the only "
                    + "update of an appointment.");
        }
        if (appointment.hasIdElement() && appointment.getIdElement().getIdPart() != null
                && !id.equals(appointment.getIdElement().getIdPart())) {
            throw ErsError.unprocessable("INVALID_VALUE", "Appointment.id " + appointment.getIdElement().getIdPart()
                    + " is not the appointment " + id + " named in the path.");
        }
        String reason = appointment.getReason().isEmpty() ? null
                : Params.blankToNull(appointment.getReasonFirstRep().getCodingFirstRep().getCode());
        SimReferral referral = desk.cancelAppointment(id, ErsGatekeeper.actingOds(request), ifMatch, reason,
                appointment.hasComment() ? appointment.getComment() : null);
        return fhir.respond(HttpStatus.OK, mapper.appointment(referral, id), referral.appointmentVersion());
    }

    private static String idOf(Reference reference, String type) {
        String value = reference.getReference();
        if (value == null) {
            return null;
        }
        int at = value.lastIndexOf(type + "/");
        return at < 0 ? value : value.substring(at + type.length() + 1);
    }
}
