package org.ersreferral.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * Waiting for what the application does in the background (jobs, e-RS calls, clean-up): polls a
 * condition until it holds, and fails naming what was awaited when it does not hold in time.
 */
public final class Await {

    /** Often enough that a test waits little past the moment the condition holds, without busy-waiting. */
    static final Duration POLL = Duration.ofMillis(100);

    private Await() {
    }

    /** Waits up to {@code timeout} for {@code condition}; fails with "Waited N s for {what}". */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * As {@link #until(String, Duration, BooleanSupplier)}; on failure the message ends with
     * {@code state}, read then (e.g. where a referral stands and its incidents).
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(), state);
    }

    /** Waits up to {@code timeout} for {@code probe} to give a value, and answers it. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return value(what, timeout, probe, () -> "");
    }

    /**
     * Waits up to {@code timeout} for the open user task {@code taskKey} of a process instance; the
     * failure names the activities the instance is at instead.
     */
    public static Task task(TaskService tasks, RuntimeService runtime, String processInstanceId, String taskKey,
                            Duration timeout) {
        return value("task " + taskKey + " of " + processInstanceId, timeout,
                () -> Optional.ofNullable(tasks.createTaskQuery().processInstanceId(processInstanceId)
                        .taskDefinitionKey(taskKey).singleResult()),
                () -> "; it is at " + (runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
                        ? runtime.getActiveActivityIds(processInstanceId) : "(ended)"));
    }

    private static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> state) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (!Instant.now().isBefore(deadline)) {
                break;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what + state.get());
    }
}
