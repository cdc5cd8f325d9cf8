package org.ersreferral.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * How often each e-RS operation was called, and as whom, for tests and the control API. Memory only:
 * it is test telemetry.
 */
@Component
@ConditionalOnSimulator
class CallLog {

    /** What a call made with no user's token is recorded as. */
    static final String APPLICATION = "application";
    static final String PROFESSIONAL_SESSION = "professional-session";

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> callers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roles = new ConcurrentHashMap<>();

    /** Calls by the second they arrived in (epoch seconds), for the last hour. */
    private final ConcurrentSkipListMap<Long, AtomicLong> perSecond = new ConcurrentSkipListMap<>();
    private static final long SECONDS_KEPT = 3600;

    void record(String operationId) {
        counts.computeIfAbsent(operationId, id -> new AtomicLong()).incrementAndGet();
        long second = System.currentTimeMillis() / 1000;
        perSecond.computeIfAbsent(second, s -> new AtomicLong()).incrementAndGet();
        perSecond.headMap(second - SECONDS_KEPT).clear();
    }

    /** The second of the last hour in which most calls arrived, as what e-RS's rate limit would count. */
    BusiestSecond busiestSecond() {
        BusiestSecond busiest = new BusiestSecond(null, 0);
        for (Map.Entry<Long, AtomicLong> second : perSecond.entrySet()) {
            if (second.getValue().get() > busiest.calls()) {
                busiest = new BusiestSecond(Instant.ofEpochSecond(second.getKey()), second.getValue().get());
            }
        }
        return busiest;
    }

    record BusiestSecond(Instant second, long calls) {
    }

    /**
     * Who an authenticated call acted as: the SDS user id of the signed-in user its token belongs to,
     * {@value #APPLICATION} or {@value #PROFESSIONAL_SESSION}. Ids of test users, no token.
     */
    void recordCaller(String operationId, String caller) {
        callers.computeIfAbsent(operationId, id -> ConcurrentHashMap.newKeySet()).add(caller);
    }

    Map<String, Set<String>> callers() {
        return sortedCopy(callers);
    }

    /** The role a call acted in, as {@code <business function> at <ODS code>}, from its headers or its session. */
    void recordRole(String operationId, String businessFunction, String odsCode) {
        roles.computeIfAbsent(operationId, id -> ConcurrentHashMap.newKeySet()).add(businessFunction + " at " + odsCode);
    }

    Map<String, Set<String>> roles() {
        return sortedCopy(roles);
    }

    private static Map<String, Set<String>> sortedCopy(Map<String, Set<String>> recorded) {
        Map<String, Set<String>> copy = new TreeMap<>();
        recorded.forEach((id, values) -> copy.put(id, new TreeSet<>(values)));
        return copy;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((id, count) -> copy.put(id, count.get()));
        return copy;
    }

    void clear() {
        counts.clear();
        perSecond.clear();
        callers.clear();
        roles.clear();
    }
}
