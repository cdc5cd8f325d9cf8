package org.ersreferral.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.security.Organisations;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's API for GP systems: start a referral idempotently, read where it stands, cancel it, fetch its letter.
 * A referral belongs to the organisation that requested it; to anyone else (but admins) it does not exist (404).
 */
@RestController
@RequestMapping("/api/referrals")
class ReferralApiController {

    private final ReferralService referrals;
    private final HistoryService historyService;

    ReferralApiController(ReferralService referrals, HistoryService historyService) {
        this.referrals = referrals;
        this.historyService = historyService;
    }

    /** 201 with the new referral; 200 with the existing one when this request id was seen before. */
    @PostMapping
    ResponseEntity<ReferralView> start(@RequestBody JsonNode body, Principal user) throws JsonProcessingException {
        StartReferralRequest request = StrictJson.read(body, StartReferralRequest.class);
        ReferralService.Started started = referrals.start(request, user == null ? null : user.getName());
        URI location = URI.create("/api/referrals/" + started.referral().requestId());
        return started.created() ? ResponseEntity.created(location).body(started.referral())
                : ResponseEntity.ok().location(location).body(started.referral());
    }

    @GetMapping("/{requestId}")
    ResponseEntity<ReferralView> get(@PathVariable String requestId, Principal user) {
        return ResponseEntity.of(referrals.findFor(requestId, userId(user)));
    }

    /** Body (optional): {@code {"reason": "<REFERRAL-CANCELLATION-REASON code>", "comment": "..."}}. */
    @PostMapping("/{requestId}/cancel")
    ResponseEntity<Object> cancel(@PathVariable String requestId, @RequestBody(required = false) JsonNode body, Principal user)
            throws JsonProcessingException {
        if (referrals.findFor(requestId, userId(user)).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        CancelReferralRequest details = body == null || body.isNull() ? new CancelReferralRequest(null, null)
                : StrictJson.read(body, CancelReferralRequest.class);
        List<String> problems = referrals.cancellationProblems(details.reason(), details.comment());
        if (!problems.isEmpty()) {
            throw new InvalidReferralRequest("Referral not cancelled: ", problems);
        }
        try {
            if (!referrals.cancel(requestId, details.reason(), details.comment())) {
                return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        "Referral " + requestId + " has already finished"));
            }
        } catch (MismatchingMessageCorrelationException notWaitingForIt) {
            // Running, but past the point of cancelling: a cancellation (or a give-up) is under way, or it is ending.
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "Referral " + requestId + " is already being cancelled or is finishing"));
        }
        return ResponseEntity.accepted().body(referrals.find(requestId).orElseThrow());
    }

    /**
     * The patient asked to change their booked appointment. Body: {@code {"reason": "<APPOINTMENT-CANCELLATION-REASON
     * code>", "comment": "..."}}; the reason is required.
     */
    @PostMapping("/{requestId}/change-appointment")
    ResponseEntity<Object> changeAppointment(@PathVariable String requestId, @RequestBody(required = false) JsonNode body,
                                             Principal user) throws JsonProcessingException {
        if (referrals.findFor(requestId, userId(user)).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        CancelReferralRequest details = body == null || body.isNull() ? new CancelReferralRequest(null, null)
                : StrictJson.read(body, CancelReferralRequest.class);
        List<String> problems = referrals.appointmentChangeProblems(details.reason(), details.comment());
        if (!problems.isEmpty()) {
            throw new InvalidReferralRequest("Appointment not changed: ", problems);
        }
        try {
            if (!referrals.changeAppointment(requestId, details.reason(), details.comment())) {
                return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                        "Referral " + requestId + " is not followed in e-RS (not sent yet, or finished)"));
            }
        } catch (MismatchingMessageCorrelationException notBooked) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "Referral " + requestId + " has no booked appointment waiting to be changed now"));
        }
        return ResponseEntity.accepted().body(referrals.find(requestId).orElseThrow());
    }

    @GetMapping("/{requestId}/patient-letter")
    ResponseEntity<byte[]> patientLetter(@PathVariable String requestId, Principal user) throws IOException {
        var referral = referrals.findFor(requestId, userId(user));
        if (referral.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(referral.get().processInstanceId()).variableName(ReferralVariables.PATIENT_LETTER.name()).singleResult();
        if (variable == null || !(variable.getTypedValue() instanceof FileValue file)) {
            return ResponseEntity.notFound().build();
        }
        byte[] pdf;
        try (InputStream in = file.getValue()) {
            pdf = in.readAllBytes();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.getFilename()).build().toString())
                .body(pdf);
    }

    private static String userId(Principal user) {
        return user == null ? null : user.getName();
    }
}
