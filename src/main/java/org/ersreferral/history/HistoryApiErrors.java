package org.ersreferral.history;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The history APIs answer a refusal as {@code {"message": "..."}} in plain words. */
@RestControllerAdvice(assignableTypes = {AnalyticsController.class, TimelineController.class})
class HistoryApiErrors {

    @ExceptionHandler(BadReportRequest.class)
    ResponseEntity<Map<String, String>> badRequest(BadReportRequest e) {
        return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
    }

    @ExceptionHandler(TimelineController.UnknownReferral.class)
    ResponseEntity<Map<String, String>> unknown(TimelineController.UnknownReferral e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", e.getMessage()));
    }
}
