package org.ersreferral.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's outstanding work as gauges: jobs due and not yet run (the job executor's backlog),
 * open incidents, and open user tasks by how long they have waited. Each is one count query; the
 * counts are taken together at most once per {@code referral.operations.metrics-cache-time}, so
 * however often, and by however many scrapers, the metrics are read, the database sees few queries.
 */
@Component
class EngineWorkGauges {

    /** Open user tasks by age: under an hour, an hour to a day, a day to a week, a week or more. */
    static final List<String> TASK_AGES = List.of("under_1h", "1h_to_1d", "1d_to_7d", "7d_or_more");
    private static final List<Duration> TASK_AGE_BOUNDS = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));

    private final ManagementService managementService;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final Clock clock;
    private final Duration cacheTime;
    private volatile Snapshot snapshot;

    EngineWorkGauges(ManagementService managementService, RuntimeService runtimeService, TaskService taskService,
                     Clock clock, MeterRegistry registry,
                     @Value("${referral.operations.metrics-cache-time:15s}") Duration cacheTime) {
        this.managementService = managementService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.clock = clock;
        this.cacheTime = cacheTime;
        gauge(registry, "referral.jobs.due", "Jobs due to run now that the job executor has not run yet",
                Snapshot::jobsDue, Map.of());
        gauge(registry, "referral.incidents.open", "Open incidents (failed jobs out of retries and others)",
                Snapshot::openIncidents, Map.of());
        for (String age : TASK_AGES) {
            gauge(registry, "referral.user.tasks.open", "Open user tasks by how long ago they were created",
                    current -> current.openTasksByAge().get(age), Map.of("age", age));
        }
    }

    record Snapshot(Instant takenAt, long jobsDue, long openIncidents, Map<String, Long> openTasksByAge) {
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> value,
                       Map<String, String> tags) {
        Gauge.Builder<EngineWorkGauges> builder = Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.current()))
                .description(description);
        tags.forEach(builder::tag);
        builder.register(registry);
    }

    /** The counts, taken afresh when the last ones are older than the cache time. */
    Snapshot current() {
        Snapshot last = snapshot;
        Instant now = clock.instant();
        if (last != null && now.isBefore(last.takenAt().plus(cacheTime))) {
            return last;
        }
        synchronized (this) {
            if (snapshot != null && now.isBefore(snapshot.takenAt().plus(cacheTime))) {
                return snapshot;
            }
            snapshot = take(now);
            return snapshot;
        }
    }

    private Snapshot take(Instant now) {
        // executable(): retries left and due (no due date, or one passed); active(): not suspended.
        long jobsDue = managementService.createJobQuery().executable().active().count();
        long incidents = runtimeService.createIncidentQuery().count();
        // Tasks created before each bound, oldest bound last; a bucket is the difference of neighbours.
        List<Long> olderThan = new ArrayList<>();
        olderThan.add(taskService.createTaskQuery().count());
        for (Duration bound : TASK_AGE_BOUNDS) {
            olderThan.add(taskService.createTaskQuery().taskCreatedBefore(Date.from(now.minus(bound))).count());
        }
        olderThan.add(0L);
        Map<String, Long> tasks = new LinkedHashMap<>();
        for (int i = 0; i < TASK_AGES.size(); i++) {
            // A task completed between two of the queries could make a difference negative for a moment.
            tasks.put(TASK_AGES.get(i), Math.max(0, olderThan.get(i) - olderThan.get(i + 1)));
        }
        return new Snapshot(now, jobsDue, incidents, Map.copyOf(tasks));
    }
}
