package org.ersreferral.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Faults armed through the control API: the next {@code times} calls of an operation answer
 * {@code status} (0 = no error, only the delay) after {@code delayMs}, or get an answer broken off
 * by a closed connection ({@code reset}), not applied. With a {@code rate} below 1 each call is hit only with that
 * probability, so faults can be spread over a long run; {@code times} then counts the hits.
 */
@Component
@ConditionalOnSimulator
class Faults {

    record Fault(String operation, int status, int times, long delayMs, Integer retryAfterSeconds, double rate,
                 boolean reset) {

        /** Always hits, never resets: the fault as it was before rates and resets. */
        Fault(String operation, int status, int times, long delayMs, Integer retryAfterSeconds) {
            this(operation, status, times, delayMs, retryAfterSeconds, 1.0, false);
        }

        /** What the fault does, as counted in {@link #injected()}: {@code reset}, {@code slow}, or the status. */
        String kind() {
            if (reset) {
                return "reset";
            }
            return status > 0 ? String.valueOf(status) : "slow";
        }
    }

    private final Map<String, Fault> armed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> injected = new ConcurrentHashMap<>();

    void arm(Fault fault) {
        armed.put(fault.operation(), fault);
    }

    /** Consumes one use of the fault armed for the operation, if any, and if this call is hit. */
    Optional<Fault> take(String operation) {
        Fault[] taken = new Fault[1];
        armed.computeIfPresent(operation, (id, fault) -> {
            if (fault.rate() < 1.0 && ThreadLocalRandom.current().nextDouble() >= fault.rate()) {
                return fault;
            }
            taken[0] = fault;
            return fault.times() > 1
                    ? new Fault(id, fault.status(), fault.times() - 1, fault.delayMs(), fault.retryAfterSeconds(), fault.rate(),
                    fault.reset())
                    : null;
        });
        if (taken[0] != null) {
            injected.computeIfAbsent(operation + " " + taken[0].kind(), key -> new AtomicLong()).incrementAndGet();
        }
        return Optional.ofNullable(taken[0]);
    }

    /**
     * Consumes one use of the fault armed for the operation and waits its delay; returns the
     * status to answer instead of the normal answer, or 0 to carry on.
     */
    int applyTo(String operation) throws InterruptedException {
        Optional<Fault> fault = take(operation);
        if (fault.isEmpty()) {
            return 0;
        }
        if (fault.get().delayMs() > 0) {
            Thread.sleep(fault.get().delayMs());
        }
        return Math.max(0, fault.get().status());
    }

    Map<String, Fault> armed() {
        return Map.copyOf(armed);
    }

    /** How many calls each fault hit, by operation and kind, e.g. {@code "A016 503": 4}. */
    Map<String, Long> injected() {
        Map<String, Long> counts = new TreeMap<>();
        injected.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    void clear() {
        armed.clear();
    }

    /** No fault armed and none counted. */
    void reset() {
        armed.clear();
        injected.clear();
    }
}
