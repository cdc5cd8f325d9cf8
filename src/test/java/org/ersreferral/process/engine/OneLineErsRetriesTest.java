package org.ersreferral.process.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.ersreferral.ers.ErsException;
import org.junit.jupiter.api.Test;

class OneLineErsRetriesTest {

    final List<Throwable> loggedByTheEngine = new ArrayList<>();
    final OneLineErsRetries.SkipErsFailures handler = new OneLineErsRetries.SkipErsFailures(
            (jobId, failure) -> loggedByTheEngine.add(failure));

    @Test
    void aJobThatFailedOnErsIsLeftToTheStepsOwnLine() {
        handler.exceptionWhileExecutingJob("job-1", new ProcessEngineException("wrapped",
                new RuntimeException("A016 gave no answer", new ErsException.ReconcileLater("A016", "check later", 60, null))));
        handler.exceptionWhileExecutingJob("job-2", new ErsException.RateLimited("A010", "Too Many Requests", 30));

        assertThat(loggedByTheEngine).isEmpty();
    }

    @Test
    void anyOtherJobFailureIsLoggedAsTheEngineLogsIt() {
        IllegalStateException bug = new IllegalStateException("Slot slot-9 is not among the slots offered");

        handler.exceptionWhileExecutingJob("job-3", new ProcessEngineException("wrapped", bug));

        assertThat(loggedByTheEngine).singleElement().satisfies(failure -> assertThat(failure).hasCause(bug));
    }
}
