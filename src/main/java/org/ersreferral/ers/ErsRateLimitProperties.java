package org.ersreferral.ers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many e-RS calls per second all nodes together may send, bound from {@code ers.rate-limit.*}.
 *
 * @param callsPerSecond the budget shared by every node on the database; 0 or less: no budget
 * @param maxWait        how long a call may wait for room in the budget before it fails unsent, and
 *                       its step is tried again later by the engine
 */
@ConfigurationProperties("ers.rate-limit")
public record ErsRateLimitProperties(int callsPerSecond, Duration maxWait) {

    static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

    public boolean limited() {
        return callsPerSecond > 0;
    }

    public Duration maxWaitOrDefault() {
        return maxWait == null || maxWait.isNegative() ? DEFAULT_MAX_WAIT : maxWait;
    }
}
