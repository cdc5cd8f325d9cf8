package org.ersreferral.simulator;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns simulator refusals into OperationOutcome answers, as e-RS does; only for simulator handlers. */
@RestControllerAdvice(annotations = ErsFhirApi.class)
@ConditionalOnSimulator
class ErsErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ErsErrorHandler.class);

    /** Displays of eRS-APIErrorCode-1 codes, as the official outcome examples carry them. */
    private static final Map<String, String> DISPLAYS = Map.ofEntries(
            Map.entry("INVALID_VALUE", "Invalid value"),
            Map.entry("MISSING_VALUE", "Missing value"),
            Map.entry("INVALID_CODE", "Invalid code"),
            Map.entry("INAPPROPRIATE_VALUE", "Inappropriate value"),
            Map.entry("REFERENCE_NOT_FOUND", "Reference not found"),
            Map.entry("INVALID_REQUEST_STATE", "Invalid request state"),
            Map.entry("FORBIDDEN", "Forbidden"),
            Map.entry("SLOT_NOT_AVAILABLE", "Slot not available"),
            Map.entry("SLOTS_CURRENTLY_AVAILABLE", "Slots currently available"),
            Map.entry("THIS_SLOT_IS_AVAILABLE", "This slot is available"),
            Map.entry("INAPPROPRIATE_SLOT", "Inappropriate slot"),
            Map.entry("FILE_SIZE_ERROR", "File size error"),
            Map.entry("PAS_NOT_RESPONDING", "No response from PAS"),
            Map.entry("PAS_RESPONDED_WITH_ERROR", "Error received from PAS"),
            Map.entry("SYSTEM_UNAVAILABLE", "System Unavailable"));

    private final FhirIo fhir;

    ErsErrorHandler(FhirIo fhir) {
        this.fhir = fhir;
    }

    @ExceptionHandler(ErsError.class)
    ResponseEntity<String> refused(ErsError error) {
        ResponseEntity<String> answer = fhir.respond(HttpStatus.valueOf(error.status()),
                FhirIo.outcome(error.issueCode(), error.errorCode(), DISPLAYS.get(error.errorCode()), error.getMessage()));
        if (error.retryAfterSeconds() == null) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header("Retry-After", String.valueOf(error.retryAfterSeconds())).body(answer.getBody());
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<String> missingHeader(MissingRequestHeaderException e) {
        return refused(ErsError.unprocessable("MISSING_VALUE", "Header '" + e.getHeaderName() + "' is required."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return refused(new ErsError(415, "not-supported", "UNSUPPORTED_MEDIA_TYPE", e.getMessage()));
    }

    @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
    ResponseEntity<String> concurrentUpdate(ObjectOptimisticLockingFailureException e) {
        if (SimSlot.class.getName().equals(e.getPersistentClassName())) {
            // Another booking took the slot between our read and our write.
            return refused(ErsError.conflict("SLOT_NOT_AVAILABLE", "The slot is no longer available; search for free slots again."));
        }
        // Two callers changed the same referral at once: e-RS answers 423 (Locked) for that.
        return refused(new ErsError(423, "lock-error", "LOCKED", "The resource is being updated by another request; fetch it again and retry."));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> unexpected(RuntimeException e) {
        log.error("Simulator failure", e);
        return refused(new ErsError(500, "exception", "INTERNAL_SERVER_ERROR", "The simulator failed: " + e.getClass().getSimpleName()));
    }
}
