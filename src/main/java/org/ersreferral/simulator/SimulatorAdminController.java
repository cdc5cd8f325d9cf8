package org.ersreferral.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Control API of the simulator (plain JSON): look at its state, change free slots, count calls,
 * arm faults, reset, and play what providers and patients do to a sent referral ({@link ReferralEvents}).
 * Authentication of {@code /ers-sim/admin} (administrators only) is done by a servlet filter elsewhere.
 */
@RestController
@ConditionalOnSimulator
@RequestMapping("/ers-sim/admin")
class SimulatorAdminController {

    record ServiceView(String id, String name, String specialty, String clinicType, List<String> priorities,
                       String bookableType, boolean triage, long freeSlots) {
    }

    /** {@code status} is booked, proposed (deferred or sent for triage), cancelled or noshow. */
    record AppointmentView(String id, String serviceId, String slotId, Instant start, String status, int version) {
    }

    /** {@code stateReason}: why it is in its state, e.g. the cancellation reason code (A036) of a cancelled referral. */
    record ReferralView(String ubrn, String nhsNumber, String status, int version, List<String> shortlist,
                        int attachmentCount, AppointmentView appointment, String referringClinician, String stateReason,
                        Instant lastUpdated, boolean letterOutstanding) {
    }

    /**
     * A provider's or patient's event: {@code reason} a code (APPOINTMENT-CANCELLATION-REASON, or
     * APPOINTMENT-NON-ATTENDANCE-REASON for did-not-attend), {@code comments} the provider's, {@code serviceId}
     * the service a patient books (optional).
     */
    record ReferralEvent(String reason, String comments, String serviceId) {
        private static final ReferralEvent NONE = new ReferralEvent(null, null, null);

        /** An event sent with no body says nothing more than its path. */
        static ReferralEvent given(ReferralEvent event) {
            return event == null ? NONE : event;
        }
    }

    record FreeSlots(Integer count) {
    }

    record FaultRequest(String operation, Integer status, Integer times, Long delayMs, Integer retryAfterSeconds,
                        Double rate, Boolean reset) {
    }

    /** Operations answered outside the gatekeeper, which cannot cut a connection. */
    private static final String NO_RESET = "TOKEN|A00[123]";
    private static final int MAX_TIMES = 1_000_000;
    private static final long MAX_DELAY_MS = 120_000;

    private final SimServiceRepository services;
    private final SimReferralRepository referrals;
    private final SimulatorState state;
    private final CallLog calls;
    private final Faults faults;
    private final ReferralEvents events;

    SimulatorAdminController(SimServiceRepository services, SimReferralRepository referrals, SimulatorState state,
                             CallLog calls, Faults faults, ReferralEvents events) {
        this.services = services;
        this.referrals = referrals;
        this.state = state;
        this.calls = calls;
        this.faults = faults;
        this.events = events;
    }

    @GetMapping("/services")
    List<ServiceView> services() {
        return services.findAllByOrderByIdAsc().stream().map(this::view).toList();
    }

    @PutMapping("/services/{id}/free-slots")
    ServiceView setFreeSlots(@PathVariable String id, @RequestBody FreeSlots body) {
        SimService service = services.findById(id).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "No service " + id));
        if (body == null || body.count() == null || body.count() < 0 || body.count() > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count must be between 0 and 500");
        }
        if (!service.directlyBookable()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Service " + id + " is not directly bookable");
        }
        state.setFreeSlots(service, body.count());
        return view(service);
    }

    @GetMapping("/referrals")
    List<ReferralView> referrals() {
        return referrals.findAllByOrderByUbrnAsc().stream().map(SimulatorAdminController::view).toList();
    }

    /** The provider rejects the referral; reason FURTHER_INFORMATION_REQUIRED unless another rejection reason is given. */
    @PostMapping("/referrals/{ubrn}/reject")
    ReferralView reject(@PathVariable String ubrn, @RequestBody(required = false) ReferralEvent event) {
        ReferralEvent e = ReferralEvent.given(event);
        return view(events.reject(ubrn, e.reason(), e.comments()));
    }

    /** The triage service returns the referral with its advice ({@code comments}, required). */
    @PostMapping("/referrals/{ubrn}/triage-response")
    ReferralView triageResponse(@PathVariable String ubrn, @RequestBody(required = false) ReferralEvent event) {
        return view(events.returnFromTriage(ubrn, ReferralEvent.given(event).comments()));
    }

    /** The provider cancels the booked appointment; reason CLINIC_CANCELLED unless another provider reason is given. */
    @PostMapping("/referrals/{ubrn}/provider-cancels-appointment")
    ReferralView providerCancelsAppointment(@PathVariable String ubrn, @RequestBody(required = false) ReferralEvent event) {
        ReferralEvent e = ReferralEvent.given(event);
        return view(events.cancelAppointment(ubrn, e.reason(), e.comments()));
    }

    /** The patient cancels their booked appointment themselves; reason PATIENT_ILL unless another patient's reason is given. */
    @PostMapping("/referrals/{ubrn}/patient-cancels-appointment")
    ReferralView patientCancelsAppointment(@PathVariable String ubrn, @RequestBody(required = false) ReferralEvent event) {
        ReferralEvent e = ReferralEvent.given(event);
        return view(events.patientCancelsAppointment(ubrn, e.reason(), e.comments()));
    }

    @PostMapping("/referrals/{ubrn}/did-not-attend")
    ReferralView didNotAttend(@PathVariable String ubrn, @RequestBody(required = false) ReferralEvent event) {
        ReferralEvent e = ReferralEvent.given(event);
        return view(events.didNotAttend(ubrn, e.reason(), e.comments()));
    }

    /** The patient books a referral left for them to book ({@code serviceId} optional). */
    @PostMapping("/referrals/{ubrn}/patient-books")
    ReferralView patientBooks(@PathVariable String ubrn, @RequestBody(required = false) ReferralEvent event) {
        return view(events.patientBooks(ubrn, ReferralEvent.given(event).serviceId()));
    }

    /** e-RS's checks refused the letter's latest file ({@code status}: THREATS_FOUND, the default, or VALIDATION_FAILED). */
    @PostMapping("/referrals/{ubrn}/attachment-fails")
    ReferralView attachmentFails(@PathVariable String ubrn, @RequestBody(required = false) AttachmentFailure failure) {
        return view(events.attachmentFails(ubrn, failure == null ? null : failure.status()));
    }

    record AttachmentFailure(String status) {
    }

    /** A referral letter is owed, e.g. after an attachment failed: the referral is on LETTERS_OUTSTANDING until A012. */
    @PostMapping("/referrals/{ubrn}/letter-outstanding")
    ReferralView letterOutstanding(@PathVariable String ubrn) {
        return view(events.letterOutstanding(ubrn));
    }

    private static ReferralView view(SimReferral r) {
        return new ReferralView(r.ubrn(), r.nhsNumber(), r.status(), r.version(), r.shortlist(), r.attachments().size(),
                r.hasAppointment() ? new AppointmentView(r.appointmentId(), r.appointmentServiceId(), r.appointmentSlotId(),
                        r.appointmentStart(), r.appointmentStatus(), r.appointmentVersion())
                        : null, r.referringClinician(), r.stateReason(), r.lastUpdated(), r.letterOutstanding());
    }

    @GetMapping("/calls")
    Map<String, Long> calls() {
        return calls.snapshot();
    }

    /** The most calls that arrived in any one second (of the last hour, since the last reset), and which second. */
    @GetMapping("/calls/busiest-second")
    CallLog.BusiestSecond busiestSecond() {
        return calls.busiestSecond();
    }

    /** Per operation, whom its calls acted as (SDS user ids of signed-in users, or the application). */
    @GetMapping("/calls/callers")
    Map<String, Set<String>> callers() {
        return calls.callers();
    }

    /** The roles the calls of each operation acted in ({@code <business function> at <ODS code>}). */
    @GetMapping("/calls/roles")
    Map<String, Set<String>> roles() {
        return calls.roles();
    }

    @PostMapping("/faults")
    ResponseEntity<Faults.Fault> arm(@RequestBody FaultRequest request) {
        if (request == null || request.operation() == null || !request.operation().matches("A\\d{3}|TOKEN")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "operation must be an e-RS operation id such as A016, or TOKEN");
        }
        int status = request.status() == null ? 0 : request.status();
        if (status != 0 && (status < 400 || status > 599)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status must be 0 (delay only) or 400-599");
        }
        double rate = request.rate() == null ? 1.0 : request.rate();
        if (!(rate > 0 && rate <= 1)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "rate must be above 0 and at most 1");
        }
        boolean reset = Boolean.TRUE.equals(request.reset());
        if (reset && (status != 0 || request.operation().matches(NO_RESET))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "reset cuts the connection instead of answering: no status,"
                    + " and only for FHIR operations (not TOKEN, A001-A003)");
        }
        if (request.times() != null && request.times() > MAX_TIMES
                || request.delayMs() != null && request.delayMs() > MAX_DELAY_MS) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "times must be at most " + MAX_TIMES
                    + " and delayMs at most " + MAX_DELAY_MS);
        }
        Faults.Fault fault = new Faults.Fault(request.operation(), status,
                request.times() == null ? 1 : Math.max(1, request.times()),
                request.delayMs() == null ? 0 : Math.max(0, request.delayMs()), request.retryAfterSeconds(), rate, reset);
        faults.arm(fault);
        return ResponseEntity.status(HttpStatus.CREATED).body(fault);
    }

    @GetMapping("/faults")
    Map<String, Faults.Fault> faults() {
        return faults.armed();
    }

    /** How many calls the faults hit so far, by operation and kind ({@code "A016 503"}, {@code "A011 reset"}, {@code "A016 slow"}). */
    @GetMapping("/faults/injected")
    Map<String, Long> injected() {
        return faults.injected();
    }

    @DeleteMapping("/faults")
    ResponseEntity<Void> clearFaults() {
        faults.clear();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/reset")
    ResponseEntity<Void> reset() {
        state.reset();
        calls.clear();
        faults.reset();
        return ResponseEntity.noContent().build();
    }

    private ServiceView view(SimService s) {
        return new ServiceView(s.id(), s.name(), s.specialty(), s.clinicType(), s.priorities(), s.bookableType(),
                s.triage(), state.freeSlots(s.id()));
    }
}
