package org.ersreferral.process;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of every e-RS step's job ({@code failedJobRetryTimeCycle} {@code ${ersRetries.cycle()}}
 * in the models): the waits before each retry of a step that failed with a server error or no answer,
 * after which it becomes an incident. Set by {@code ers.retry-cycle} (short in tests, e.g. {@code PT1S,PT2S}).
 */
@Component("ersRetries")
public class ErsRetries {

    public static final String DEFAULT_CYCLE = "PT10S,PT1M,PT5M";

    private final String cycle;

    public ErsRetries(@Value("${ers.retry-cycle:" + DEFAULT_CYCLE + "}") String cycle) {
        if (cycle == null || cycle.isBlank()) {
            throw new IllegalArgumentException("ers.retry-cycle (ERS_RETRY_CYCLE) must list at least one wait, e.g. "
                    + DEFAULT_CYCLE);
        }
        for (String wait : cycle.split(",")) {
            try {
                if (Duration.parse(wait.trim()).isNegative()) {
                    throw new IllegalArgumentException(wait);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ers.retry-cycle (ERS_RETRY_CYCLE) is a comma-separated list of ISO 8601"
                        + " durations such as " + DEFAULT_CYCLE + "; '" + wait.trim() + "' is not one", e);
            }
        }
        this.cycle = cycle.replace(" ", "");
    }

    public String cycle() {
        return cycle;
    }
}
