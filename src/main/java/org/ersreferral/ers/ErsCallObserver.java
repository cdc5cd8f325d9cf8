package org.ersreferral.ers;

import java.util.List;

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

    /** Tells every one of {@code observers} (the call history, the metrics); one failing does not keep the others from it. */
    static ErsCallObserver all(List<ErsCallObserver> observers) {
        if (observers.isEmpty()) {
            return NONE;
        }
        if (observers.size() == 1) {
            return observers.get(0);
        }
        List<ErsCallObserver> each = List.copyOf(observers);
        return (operation, method, path, status, failure, durationMs, correlationId) -> {
            RuntimeException first = null;
            for (ErsCallObserver observer : each) {
                try {
                    observer.called(operation, method, path, status, failure, durationMs, correlationId);
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }
}
