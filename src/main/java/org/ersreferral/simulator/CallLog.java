package org.ersreferral.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** How often each e-RS operation was called, for tests and the control API. Memory only: it is test telemetry. */
@Component
@ConditionalOnSimulator
class CallLog {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void record(String operationId) {
        counts.computeIfAbsent(operationId, id -> new AtomicLong()).incrementAndGet();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((id, count) -> copy.put(id, count.get()));
        return copy;
    }

    void clear() {
        counts.clear();
    }
}
