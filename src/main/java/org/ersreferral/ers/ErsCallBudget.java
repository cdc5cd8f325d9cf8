package org.ersreferral.ers;

import java.time.Duration;

/**
 * The e-RS calls this application may send per second, shared by all its nodes. Every e-RS request
 * takes a place in it before it is sent, and a rate-limit answer (429) stops everyone sending until
 * e-RS said to come back.
 */
public interface ErsCallBudget {

    /**
     * Returns once the call may be sent, after waiting for room if needed.
     *
     * @throws ErsException.Throttled when no room comes within the maximum wait: the call was not sent
     */
    void take(String operation);

    /** e-RS answered 429: no node sends anything for {@code retryAfter}. */
    void pause(Duration retryAfter);

    ErsCallBudget NONE = new ErsCallBudget() {
        @Override
        public void take(String operation) {
        }

        @Override
        public void pause(Duration retryAfter) {
        }
    };
}
