package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_AWAITING_PATIENT_BOOKING;
import static org.ersreferral.process.ReferralProcess.END_REFERRAL_CANCELLED;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;
import static org.ersreferral.process.ReferralProcess.TASK_SIGN_IN_AGAIN;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code ers.auth.mode=professional-session} through the engine against the simulator: each
 * referral opens one archived session (A001, A002) on its first e-RS call and ends it (A003) on
 * its exit, whether it ends normally, is cancelled or is deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:professional-session;DB_CLOSE_DELAY=-1",
        "ers.auth.mode=professional-session", "ers.auth.token=smartcard-token", "ers.auth.asid=200000000001",
        "ers.read-timeout=3s"})
class ProfessionalSessionLifecycleTest {

    static final int PORT = LiveApplication.freePort();
    static final String NHS_NUMBER = "9912003888";
    static final Duration SETTLE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    final LiveApplication app = new LiveApplication(PORT);

    @BeforeEach
    void resetSimulator() {
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);
    }

    @Test
    void aReferralUsesOneSessionAndEndsItAtTheEnd() {
        ProcessInstance referral = start("session-1");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", SpinValues.jsonValue("[\"51002\"]").create()));
        JsonNode midway = calls();
        assertThat(midway.path("A001").asInt()).isEqualTo(1);
        assertThat(midway.path("A002").asInt()).isEqualTo(1);
        assertThat(midway.path("A003").asInt()).as("still running").isZero();
        assertThat(storedSessions(referral)).as("kept for other nodes").isEqualTo(1);
        String sessionId = jdbc.queryForObject("select session_id from ers_session where process_instance_id = ?", String.class,
                referral.getId());
        assertThat(runtimeService.getVariables(referral.getId()).values()).as("a session id is a credential, never a variable")
                .noneMatch(value -> value != null && value.toString().contains(sessionId));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
        await("A003", () -> calls().path("A003").asInt() == 1);
        assertThat(storedSessions(referral)).as("forgotten once ended").isZero();
        JsonNode calls = calls();
        assertThat(calls.path("A001").asInt()).isEqualTo(1);
        assertThat(calls.path("A002").asInt()).isEqualTo(1);
        assertThat(calls.path("A011").asInt()).as("the referral was made with the session").isEqualTo(1);
        assertThat(calls.path("TOKEN").asInt()).isZero();
    }

    @Test
    void aCancelledReferralEndsItsSession() {
        ProcessInstance referral = start("session-cancel-1");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", SpinValues.jsonValue("[\"51002\"]").create()));
        awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER);

        assertThat(app.post("/api/referrals/session-cancel-1/cancel", "coordinator",
                Map.of("reason", "NO_LONGER_REQUIRED")).status()).isEqualTo(202);

        awaitEnd(referral);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(referral.getId())
                .activityId(END_REFERRAL_CANCELLED).count()).isEqualTo(1);
        await("A003", () -> calls().path("A003").asInt() == 1);
        assertThat(calls().path("A036").asInt()).isEqualTo(1);
        assertThat(calls().path("A001").asInt()).isEqualTo(1);
    }

    @Test
    void aDeletedReferralEndsItsSessionEvenSkippingListeners() {
        ProcessInstance referral = start("session-delete-1");
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);
        assertThat(calls().path("A001").asInt()).isEqualTo(1);

        runtimeService.deleteProcessInstance(referral.getId(), "test clean-up", true);
        await("A003", () -> calls().path("A003").asInt() == 1);
    }

    @Test
    void aRefusedSessionIsReplacedWhenTheStepIsRetried() {
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A010", "status", 401)).status())
                .isEqualTo(201);
        ProcessInstance referral = start("session-401-1");
        complete(referral, TASK_SIGN_IN_AGAIN, Map.of());
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);

        JsonNode calls = calls();
        assertThat(calls.path("A001").asInt()).as("a new session after the 401").isEqualTo(2);
        assertThat(calls.path("A010").asInt()).isEqualTo(2);
        runtimeService.deleteProcessInstance(referral.getId(), "test clean-up");
        await("A003", () -> calls().path("A003").asInt() == 1);
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode calls() {
        return app.get("/ers-sim/admin/calls", "admin").json();
    }

    private ProcessInstance start(String requestId) {
        LiveApplication.Answer answer = app.post("/api/referrals", "coordinator", Map.of("requestId", requestId,
                "nhsNumber", NHS_NUMBER, "priority", "ROUTINE", "specialty", "CARDIOLOGY", "clinicType", "HEART_FAILURE"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return runtimeService.createProcessInstanceQuery().processInstanceId(answer.json().get("processInstanceId").asText())
                .singleResult();
    }

    private void complete(ProcessInstance referral, String taskKey, Map<String, Object> variables) {
        taskService.complete(awaitTask(referral, taskKey).getId(), variables);
    }

    private Task awaitTask(ProcessInstance referral, String taskKey) {
        Task[] found = new Task[1];
        await("task " + taskKey + " of " + referral.getBusinessKey(), () -> {
            found[0] = taskService.createTaskQuery().processInstanceId(referral.getId()).taskDefinitionKey(taskKey).singleResult();
            return found[0] != null;
        });
        return found[0];
    }

    private HistoricProcessInstance awaitEnd(ProcessInstance referral) {
        await("end of " + referral.getBusinessKey(), () -> historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(referral.getId()).finished().count() == 1);
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(referral.getId()).singleResult();
    }

    private void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("Waited " + SETTLE.toSeconds() + " s for " + what + "; e-RS calls so far: " + calls()
                + ", incidents: " + runtimeService.createIncidentQuery().list().stream()
                .map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList());
    }

    private int storedSessions(ProcessInstance referral) {
        return jdbc.queryForObject("select count(*) from ers_session where process_instance_id = ?", Integer.class, referral.getId());
    }
}
