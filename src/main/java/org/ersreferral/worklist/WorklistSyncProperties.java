package org.ersreferral.worklist;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worklist sync, bound from {@code ers.worklist-sync.*}.
 *
 * @param enabled  whether this node takes part (false: it never reads the worklists nor raises sign-in tasks)
 * @param interval how often each organisation's worklists are read, across all nodes together
 */
@ConfigurationProperties("ers.worklist-sync")
record WorklistSyncProperties(Boolean enabled, Duration interval) {

    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    WorklistSyncProperties {
        if (enabled == null) {
            enabled = true;
        }
        if (interval == null) {
            interval = DEFAULT_INTERVAL;
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("ers.worklist-sync.interval must be a positive duration, e.g. PT5M");
        }
    }

    /**
     * How often a node looks whether an organisation's sync is due: a fraction of the interval, so a
     * run starts soon after it is due whichever node looks first, and at most every 30 s.
     */
    Duration checkEvery() {
        Duration fifth = interval.dividedBy(5);
        if (fifth.compareTo(Duration.ofMillis(100)) < 0) {
            return Duration.ofMillis(100);
        }
        return fifth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : fifth;
    }
}
