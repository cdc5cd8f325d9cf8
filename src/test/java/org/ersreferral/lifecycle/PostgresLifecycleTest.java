package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.ThrowawayPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on PostgreSQL, as in production: a referral booked end to end, and concurrent
 * repeats of one request id (where PostgreSQL aborts the losing transaction) still give one referral.
 * Uses a throw-away database on the local server ({@code PG_URL}, default 127.0.0.1:5432, user postgres).
 */
@ExtendWith(ThrowawayPostgres.DropAfterAll.class)
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresLifecycleTest {

    static final int PORT = LiveApplication.freePort();
    static final ThrowawayPostgres DATABASE = new ThrowawayPostgres("ers_referral_test_");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.create(registry);
        registry.add("server.port", () -> PORT);
        registry.add("referral.security.demo-password", () -> LiveApplication.POSTGRES_DEMO_PASSWORD);
    }

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;

    final LiveApplication app = new LiveApplication(PORT, LiveApplication.POSTGRES_DEMO_PASSWORD);

    @Test
    void booksOnPostgresAndARepeatedRequestIdStillMakesOneReferral() throws Exception {
        Map<String, Object> body = Map.of("requestId", "pg-1", "nhsNumber", "9912003888", "priority", "URGENT",
                "specialty", "CARDIOLOGY", "clinicType", "LIPID_MANAGEMENT");
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<LiveApplication.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                answers.add(callers.submit((Callable<LiveApplication.Answer>) () -> app.post("/api/referrals", "coordinator", body)));
            }
            int created = 0;
            for (Future<LiveApplication.Answer> answer : answers) {
                LiveApplication.Answer result = answer.get();
                assertThat(result.status()).as(result.body()).isIn(200, 201);
                created += result.status() == 201 ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
        ProcessInstance referral = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("pg-1").processDefinitionKey(org.ersreferral.process.ReferralProcess.PROCESS_KEY).singleResult();

        taskService.complete(awaitTask(referral, ReferralProcess.TASK_CHOOSE_SHORTLIST).getId(),
                Map.of("shortlist", SpinValues.jsonValue("[\"11002\"]").create(), "bookServiceId", "11002"));
        taskService.complete(awaitTask(referral, ReferralProcess.TASK_ATTACH_REFERRAL_LETTER).getId(), Map.of("attachLater", true));
        Task slotTask = awaitTask(referral, ReferralProcess.TASK_CHOOSE_SLOT);
        JsonNode slots = new LiveApplication.Answer(200, runtimeService.getVariable(referral.getId(), "slots").toString()).json();
        taskService.complete(slotTask.getId(), Map.of("slotId", slots.get(0).get("value").asText()));

        Await.until("the end of " + referral.getId(), Duration.ofSeconds(30),
                () -> historyService.createHistoricProcessInstanceQuery().processInstanceId(referral.getId()).finished().count() > 0);
        JsonNode state = app.get("/api/referrals/pg-1", "coordinator").json();
        assertThat(state.get("outcome").asText()).isEqualTo("BOOKED");
        JsonNode simulated = app.get("/ers-sim/admin/referrals", "admin").json();
        assertThat(simulated).hasSize(1);
        assertThat(simulated.get(0).get("status").asText()).isEqualTo("BOOKED");
        assertThat(state.get("ubrn").asText()).isEqualTo(simulated.get(0).get("ubrn").asText());
    }

    private Task awaitTask(ProcessInstance referral, String taskKey) {
        return Await.task(taskService, runtimeService, referral.getId(), taskKey, Duration.ofSeconds(30));
    }
}
