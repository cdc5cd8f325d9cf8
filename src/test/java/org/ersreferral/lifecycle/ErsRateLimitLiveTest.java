package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsCallBudget;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsRateLimitProperties;
import org.ersreferral.process.ReferralCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The running application keeps to its e-RS call budget (the default, 10 a second) against the embedded e-RS. */
class ErsRateLimitLiveTest extends LiveReferralTest {

    @Autowired
    ErsClient ers;
    @Autowired
    ErsCallBudget budget;
    @Autowired
    ErsRateLimitProperties limit;
    @Autowired
    ManagementService managementService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void callsFromManyThreadsAreSpreadOverSecondsWithinTheBudget() throws Exception {
        assertThat(limit.callsPerSecond()).as("the application's default budget").isEqualTo(10);
        long started = System.currentTimeMillis();
        int calls = 30;
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 6; thread++) {
                done.add(threads.submit(() -> {
                    for (int call = 0; call < calls / 6; call++) {
                        assertThat(ers.retrieveRoles(new ErsCall(null, "rate-limit-test", "coordinator"))).isNotEmpty();
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        long elapsedMs = System.currentTimeMillis() - started;

        // Turns 100 ms apart: the 30th call's came at least 2.9 s after the first's, and the next free one is later still.
        assertThat(elapsedMs).as("30 calls at 10 a second").isGreaterThanOrEqualTo(2900);
        long nextTurnMicros = jdbc.queryForObject("select next_call_at from ers_call_schedule", Long.class);
        assertThat(nextTurnMicros / 1000 - started).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void aStepKeptBackByTheBudgetIsNotSentAndComesBackWithAllItsRetries() {
        // The start checks its codes against e-RS: have them cached before the budget stops every call.
        List.of(ReferralCodes.SPECIALTY, ReferralCodes.PRIORITY, ReferralCodes.CLINIC_TYPE).forEach(this::cache);
        // As after a 429 with a long Retry-After: longer than the 5 s a call may wait, so the step gives up at once.
        budget.pause(Duration.ofMinutes(2));
        JsonNode sentBefore = app.get("/ers-sim/admin/calls", "admin").json();
        ProcessInstance referral = start("budget-1", "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");

        Job[] keptBack = new Job[1];
        await("a step job put off until the budget has room", () -> {
            keptBack[0] = runtimeService.createProcessInstanceQuery().superProcessInstanceId(referral.getId()).list().stream()
                    .map(step -> managementService.createJobQuery().processInstanceId(step.getId())
                            .duedateHigherThan(new Date(System.currentTimeMillis() + 60_000)).singleResult())
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            return keptBack[0] != null;
        }, referral);
        // The first attempt and the model's three retries (PT10S,PT1M,PT5M), as when the job was made.
        assertThat(keptBack[0].getRetries()).as("no retry used up").isEqualTo(4);
        assertThat(keptBack[0].getExceptionMessage()).isNull();
        assertThat(app.get("/ers-sim/admin/calls", "admin").json()).as("nothing sent").isEqualTo(sentBefore);

        // The pause over (as when its time has passed), the step runs when it is due.
        jdbc.update("update ers_call_pause set paused_until = 0");
        managementService.setJobDuedate(keptBack[0].getId(), new Date());
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().path("A010").asInt()).isPositive();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(referral.getId()).count()).isZero();
    }

    /** A code system read into the client's cache; on a loaded machine the first read may outlast the tests' 3 s read timeout. */
    private void cache(String type) {
        for (int attempt = 1; ; attempt++) {
            try {
                ers.retrieveCodeSystem(new ErsCall(null, "rate-limit-test"), type);
                return;
            } catch (ErsException.Unavailable slow) {
                if (attempt == 3) {
                    throw slow;
                }
            }
        }
    }
}
