package org.ersreferral.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.ersreferral.ers.ErsBudgetObserver;
import org.springframework.stereotype.Component;

/**
 * Waits for room in the shared e-RS call budget as the timer {@code ers.budget.waits}, tagged
 * {@code outcome=sent} or {@code outcome=gave_up} (the call failed unsent and its step comes back
 * later). A rising count of long waits or of gave_up means the nodes want more e-RS calls than
 * {@code ers.rate-limit.calls-per-second} allows.
 */
@Component
class ErsBudgetMetrics implements ErsBudgetObserver {

    static final String TIMER = "ers.budget.waits";

    private final Timer sent;
    private final Timer gaveUp;

    ErsBudgetMetrics(MeterRegistry registry) {
        this.sent = timer(registry, "sent");
        this.gaveUp = timer(registry, "gave_up");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder(TIMER)
                .description("Time e-RS calls waited for room in the shared call budget (ers.rate-limit)")
                .tag("outcome", outcome)
                .register(registry);
    }

    @Override
    public void waited(long waitedMs, boolean sent) {
        (sent ? this.sent : gaveUp).record(waitedMs, TimeUnit.MILLISECONDS);
    }
}
