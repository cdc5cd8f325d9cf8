package org.ersreferral.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Faults armed through the control API: the next {@code times} calls of an operation answer
 * {@code status} (0 = no error, only the delay) after {@code delayMs}.
 */
@Component
@ConditionalOnSimulator
class Faults {

    record Fault(String operation, int status, int times, long delayMs, Integer retryAfterSeconds) {
    }

    private final Map<String, Fault> armed = new ConcurrentHashMap<>();

    void arm(Fault fault) {
        armed.put(fault.operation(), fault);
    }

    /** Consumes one use of the fault armed for the operation, if any. */
    Optional<Fault> take(String operation) {
        Fault[] taken = new Fault[1];
        armed.computeIfPresent(operation, (id, fault) -> {
            taken[0] = fault;
            return fault.times() > 1
                    ? new Fault(id, fault.status(), fault.times() - 1, fault.delayMs(), fault.retryAfterSeconds())
                    : null;
        });
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

    void clear() {
        armed.clear();
    }
}
