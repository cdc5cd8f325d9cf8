package org.ersreferral.referral;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import java.util.stream.Collectors;
import org.ersreferral.security.Organisations;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers of {@code /api/referrals} to a request it cannot take, as problem JSON (RFC 9457) whose
 * detail names the field and what it allows: never Spring's bare "Bad Request", never the
 * caller's value echoed back, never a 500.
 */
@RestControllerAdvice(assignableTypes = {ReferralApiController.class, ReferralListController.class})
class ReferralApiErrors {

    @ExceptionHandler(InvalidReferralRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidReferralRequest e) {
        return problem(HttpStatus.BAD_REQUEST, "Referral request not acceptable", e.getMessage(), e.problems());
    }

    @ExceptionHandler(RequestIdInUse.class)
    ResponseEntity<ProblemDetail> requestIdInUse(RequestIdInUse e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("requestId is already in use");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /** 403 for a caller of no organisation (or not of the one named), 400 when they must name one of theirs. */
    @ExceptionHandler(Organisations.OrganisationNotChosen.class)
    ResponseEntity<ProblemDetail> organisationNotChosen(Organisations.OrganisationNotChosen e) {
        HttpStatus status = e.forbidden() ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle("No organisation for this referral");
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return notJson(json);
        }
        String detail = "The body must be a JSON object (Content-Type: application/json)";
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail, List.of(detail));
    }

    @ExceptionHandler(JsonProcessingException.class)
    ResponseEntity<ProblemDetail> notJson(JsonProcessingException e) {
        String detail;
        if (e instanceof JsonParseException) {
            detail = "The body is not well-formed JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "Field '" + path(unknown) + "' is not known; the fields are " + unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        } else if (e instanceof MismatchedInputException mismatch && !path(mismatch).isEmpty()) {
            detail = "Field '" + path(mismatch) + "' must be " + expected(mismatch.getTargetType(), mismatch);
        } else if (e instanceof MismatchedInputException) {
            detail = "The body must be a JSON object";
        } else {
            detail = "The body is not acceptable JSON";
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail, List.of(detail));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        String detail = "Content-Type must be application/json";
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", detail, List.of(detail));
    }

    private static String expected(Class<?> type, MismatchedInputException e) {
        if (type == String.class) {
            return "a JSON string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (e instanceof InvalidFormatException) {
            return "of type " + (type == null ? "?" : type.getSimpleName());
        }
        return "a JSON " + (type == null ? "value" : type.getSimpleName());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, List<String> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("problems", List.copyOf(problems));
        return ResponseEntity.status(status).body(problem);
    }
}
