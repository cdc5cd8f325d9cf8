package org.ersreferral.ers;

/**
 * Told about every e-RS call once it is over, e.g. to keep it in the referral's history. Must not
 * throw: a failure to observe is not a failure of the call.
 */
public interface ErsCallObserver {

    /**
     * @param operation     e-RS operation id, e.g. {@code A011}
     * @param method        HTTP method
     * @param path          request path without the query (it may carry identifiers)
     * @param status        HTTP status, or 0 when no answer came
     * @param failure       simple name of the I/O failure when no answer came, else null
     * @param durationMs    time to the answer or the failure
     * @param correlationId the {@code X-Correlation-ID} sent: {@code <process instance>:<step>:<random>}
     */
    void called(String operation, String method, String path, int status, String failure, long durationMs,
                String correlationId);

    ErsCallObserver NONE = (operation, method, path, status, failure, durationMs, correlationId) -> { };
}
