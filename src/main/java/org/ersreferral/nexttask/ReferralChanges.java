package org.ersreferral.nexttask;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.springframework.stereotype.Component;

/**
 * Wakes the requests waiting for a referral's next task in this JVM as soon as one of its tasks is
 * created or it ends, instead of at their next look at the database. Only a shortcut: a task made on
 * another node of a cluster is found by that look, which the waiters make every few moments anyway.
 */
@Component
public class ReferralChanges {

    /** Per root process instance (the referral), a latch per waiting request. */
    private final Map<String, Set<CountDownLatch>> waiting = new ConcurrentHashMap<>();

    /** A latch that opens at the referral's next change; give it back with {@link #forget}. */
    CountDownLatch watch(String referral) {
        CountDownLatch latch = new CountDownLatch(1);
        waiting.computeIfAbsent(referral, key -> ConcurrentHashMap.newKeySet()).add(latch);
        return latch;
    }

    void forget(String referral, CountDownLatch latch) {
        waiting.computeIfPresent(referral, (key, latches) -> {
            latches.remove(latch);
            return latches.isEmpty() ? null : latches;
        });
    }

    /** Called once the change is committed, so a waiter that wakes finds it in the database. */
    public void changed(String referral) {
        Set<CountDownLatch> latches = referral == null ? null : waiting.get(referral);
        if (latches != null) {
            latches.forEach(CountDownLatch::countDown);
        }
    }
}
