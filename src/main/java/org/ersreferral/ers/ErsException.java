package org.ersreferral.ers;

/**
 * A failed e-RS call. The subclass says what the process should do about it; the message is
 * e-RS's own diagnostics (OperationOutcome), safe to show to a coordinator.
 */
public class ErsException extends RuntimeException {

    private final String operationId;
    private final int status;

    public ErsException(String operationId, int status, String message, Throwable cause) {
        super(message, cause);
        this.operationId = operationId;
        this.status = status;
    }

    /** e-RS operation id, e.g. {@code A011}. */
    public String operationId() {
        return operationId;
    }

    /** HTTP status, or 0 when no answer came (I/O failure, timeout). */
    public int status() {
        return status;
    }

    /** 400, 403 or 422: e-RS refused the request; repeating it unchanged will not help. */
    public static class Rejected extends ErsException {
        public Rejected(String operationId, int status, String message) {
            super(operationId, status, message, null);
        }
    }

    /** 401: the token is missing or expired; someone has to sign in to e-RS again. */
    public static class Unauthorised extends ErsException {
        public Unauthorised(String operationId, String message) {
            super(operationId, 401, message, null);
        }
    }

    /**
     * Not sent: no person with a usable e-RS sign-in and a chosen role acts in this call, so it
     * goes to "Sign in to e-RS again" as a 401 would, but no token was refused.
     */
    public static class SignInNeeded extends Unauthorised {
        public SignInNeeded(String operationId, String message) {
            super(operationId, message);
        }
    }

    /** 409 or 423: the resource changed under us (on A016: the slot is gone or the referral locked). */
    public static class Conflict extends ErsException {
        public Conflict(String operationId, int status, String message) {
            super(operationId, status, message, null);
        }
    }

    /** 502 or 504: the provider's system failed or did not answer in time (A016 booking). */
    public static class ProviderUnavailable extends ErsException {
        public ProviderUnavailable(String operationId, int status, String message) {
            super(operationId, status, message, null);
        }
    }

    /** 429: rate limited; try again after {@link #retryAfterSeconds()}. */
    public static class RateLimited extends ErsException {
        private final long retryAfterSeconds;

        public RateLimited(String operationId, String message, long retryAfterSeconds) {
            super(operationId, 429, message, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 500, 503 or an I/O failure before the request was sent: safe to retry later. */
    public static class Unavailable extends ErsException {
        public Unavailable(String operationId, int status, String message, Throwable cause) {
            super(operationId, status, message, cause);
        }
    }

    /**
     * Not sent: the application's e-RS call budget ({@code ers.rate-limit}) had no room in time. Safe to
     * repeat; the step comes back after {@link #retryAfterSeconds()} without using up one of its retries.
     */
    public static class Throttled extends Unavailable {
        private final long retryAfterSeconds;

        public Throttled(String operationId, String message, long retryAfterSeconds) {
            super(operationId, 0, message, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * The request was sent but no answer came (read timeout): e-RS may have applied it. Never
     * repeat a create or a booking blindly after this; reconcile first.
     */
    public static class OutcomeUnknown extends ErsException {
        public OutcomeUnknown(String operationId, String message, Throwable cause) {
            super(operationId, 0, message, cause);
        }
    }

    /**
     * A state change was sent and e-RS has not said what became of it: e-RS may still be applying it.
     * The step comes back after {@link #retryAfterSeconds()} and reads the referral (A005) before
     * anything is sent again; nothing waits meanwhile.
     */
    public static class ReconcileLater extends ErsException {
        private final long retryAfterSeconds;

        public ReconcileLater(String operationId, String message, long retryAfterSeconds, Throwable cause) {
            super(operationId, 0, message, cause);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
