package org.ersreferral.simulator;

/**
 * A refusal the simulator answers with an e-RS OperationOutcome.
 *
 * @see FhirIo#outcome(String, String, String, String)
 */
class ErsError extends RuntimeException {

    private final int status;
    private final String issueCode;
    private final String errorCode;
    private final Integer retryAfterSeconds;

    ErsError(int status, String issueCode, String errorCode, String diagnostics) {
        this(status, issueCode, errorCode, diagnostics, null);
    }

    ErsError(int status, String issueCode, String errorCode, String diagnostics, Integer retryAfterSeconds) {
        super(diagnostics);
        this.status = status;
        this.issueCode = issueCode;
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for a {@code Retry-After} header (429), or null. */
    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String issueCode() {
        return issueCode;
    }

    String errorCode() {
        return errorCode;
    }

    /** 422 with an eRS-APIErrorCode-1 code such as INVALID_VALUE. */
    static ErsError unprocessable(String errorCode, String diagnostics) {
        return new ErsError(422, issueCodeFor(errorCode), errorCode, diagnostics);
    }

    static ErsError badRequest(String errorCode, String diagnostics) {
        return new ErsError(400, issueCodeFor(errorCode), errorCode, diagnostics);
    }

    static ErsError notFound(String diagnostics) {
        return new ErsError(404, "not-found", "REFERENCE_NOT_FOUND", diagnostics);
    }

    static ErsError unauthorised(String diagnostics) {
        return new ErsError(401, "login", "NO_ACCESS", diagnostics);
    }

    static ErsError forbidden(String diagnostics) {
        return new ErsError(403, "forbidden", "FORBIDDEN", diagnostics);
    }

    static ErsError conflict(String errorCode, String diagnostics) {
        return new ErsError(409, "conflict", errorCode, diagnostics);
    }

    static ErsError preconditionFailed(String diagnostics) {
        return new ErsError(412, "required", "MISSING_VALUE", diagnostics);
    }

    private static String issueCodeFor(String errorCode) {
        return switch (errorCode) {
            case "MISSING_VALUE" -> "required";
            case "REFERENCE_NOT_FOUND" -> "not-found";
            case "INVALID_REQUEST_STATE", "INVALID_STATE", "SLOTS_CURRENTLY_AVAILABLE", "THIS_SLOT_IS_AVAILABLE" -> "business-rule";
            case "INVALID_CODE" -> "code-invalid";
            default -> "value";
        };
    }
}
