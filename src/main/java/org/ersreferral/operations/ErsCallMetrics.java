package org.ersreferral.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.ersreferral.ers.ErsCallObserver;
import org.springframework.stereotype.Component;

/**
 * Every e-RS call as the timer {@code ers.calls}, tagged by operation, HTTP status and outcome only:
 * the path, correlation id and anything else that names a referral or patient never become a tag
 * (each distinct tag value is a time series of its own, kept by Prometheus for good).
 */
@Component
class ErsCallMetrics implements ErsCallObserver {

    static final String TIMER = "ers.calls";

    private final MeterRegistry registry;

    ErsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void called(String operation, String method, String path, int status, String failure, long durationMs,
                       String correlationId) {
        Timer.builder(TIMER)
                .description("e-RS API calls by operation and answer")
                .tag("operation", operation(operation))
                .tag("status", status == 0 ? "none" : String.valueOf(status))
                .tag("outcome", outcome(status))
                // A few fixed buckets for latency alerts: e-RS answers in well under a second when healthy,
                // and the read timeout (30 s by default) bounds the slowest.
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
                        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(30))
                .register(registry)
                .record(durationMs, TimeUnit.MILLISECONDS);
    }

    /** The e-RS operation ids (A001–A038) are a closed set; anything else is folded into one value. */
    private static String operation(String operation) {
        return operation != null && operation.matches("A0[0-9]{2}") ? operation : "other";
    }

    private static String outcome(int status) {
        if (status == 0) {
            return "IO_ERROR";
        }
        if (status < 400) {
            return "SUCCESS";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
