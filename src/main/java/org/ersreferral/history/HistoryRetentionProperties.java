package org.ersreferral.history;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a finished referral's history is kept, and how the application's own history tables are
 * cleaned up on that same time to live.
 *
 * @param timeToLive       whole days, e.g. {@code 180d}: the engine's history time to live of every
 *                         {@code ers-referral} version, and the age after completion at which a
 *                         referral's {@code referral_record} and {@code ers_call_record} rows go
 * @param cleanupInterval  how often the application's tables are checked, inside the engine's history
 *                         cleanup batch window only
 * @param cleanupBatchSize referrals removed per transaction
 */
@ConfigurationProperties("referral.history")
public record HistoryRetentionProperties(Duration timeToLive, Duration cleanupInterval, int cleanupBatchSize) {

    public HistoryRetentionProperties {
        if (timeToLive == null) {
            timeToLive = Duration.ofDays(180);
        }
        if (timeToLive.isNegative() || !timeToLive.equals(Duration.ofDays(timeToLive.toDays()))) {
            throw new IllegalArgumentException("referral.history.time-to-live must be a whole number of days, e.g. 180d; was "
                    + timeToLive);
        }
        if (cleanupInterval == null || cleanupInterval.isZero() || cleanupInterval.isNegative()) {
            cleanupInterval = Duration.ofMinutes(15);
        }
        if (cleanupBatchSize <= 0) {
            cleanupBatchSize = 500;
        }
    }

    /** The time to live as the engine takes it. */
    public int timeToLiveDays() {
        return Math.toIntExact(timeToLive.toDays());
    }
}
