package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.ersreferral.ers.EmbeddedErsCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of referral starts over the public API on a deliberately small engine pool, sized by the
 * rule (2 x job threads + 1, and one more): every start must be accepted and every referral must reach
 * its first user task in bounded time, with no step failing on the way. Each referral runs three e-RS
 * steps against the embedded simulator, which must never need an engine connection: steps holding
 * engine connections would otherwise wait for the simulator, which would wait for an engine connection,
 * until the pool's timeout failed them.
 */
@TestPropertySource(properties = {
        // 2 job threads x 2 connections + 1 for acquisition = 5: one connection left for 24 web requests.
        "spring.datasource.hikari.maximum-pool-size=6",
        "spring.datasource.hikari.connection-timeout=20000",
        "camunda.bpm.job-execution.core-pool-size=2",
        "camunda.bpm.job-execution.max-pool-size=2",
        "ers.simulator.database-pool-size=3",
        // Calls are slow on a busy machine; the client's short test timeout would turn them into retries.
        "ers.read-timeout=20s"})
class BurstStartTest extends LiveReferralTest {

    static final int REFERRALS = 24;
    static final Duration ALL_AT_FIRST_TASK_WITHIN = Duration.ofSeconds(120);

    @Autowired
    ManagementService managementService;
    @Autowired
    DataSource engineDataSource;
    @Autowired
    ApplicationContext context;
    @Autowired
    EmbeddedErsCredentials simulatorCredentials;

    @Test
    void aBurstOfStartsAllReachTheirFirstTaskOnASmallPool() throws Exception {
        HikariDataSource enginePool = (HikariDataSource) engineDataSource;
        HikariDataSource simulatorPool = context.getBean("simulatorDataSource", HikariDataSource.class);
        assertThat(enginePool.getMaximumPoolSize()).isEqualTo(6);
        assertThat(simulatorPool).isNotSameAs(enginePool);
        assertThat(simulatorPool.getPoolName()).isNotEqualTo(enginePool.getPoolName());

        Instant started = Instant.now();
        List<LiveApplication.Answer> answers = startAllAtOnce();
        List<String> refused = answers.stream().filter(answer -> answer.status() != 201)
                .map(answer -> answer.status() + " " + answer.body()).toList();
        assertThat(refused).as("starts not accepted").isEmpty();
        List<String> instanceIds = answers.stream().map(answer -> answer.json().get("processInstanceId").asText()).toList();
        assertThat(instanceIds).doesNotHaveDuplicates().hasSize(REFERRALS);

        Instant deadline = started.plus(ALL_AT_FIRST_TASK_WITHIN);
        long atFirstTask = 0;
        while (Instant.now().isBefore(deadline)) {
            atFirstTask = taskService.createTaskQuery().processInstanceIdIn(instanceIds.toArray(String[]::new))
                    .taskDefinitionKey(TASK_CHOOSE_SHORTLIST).count();
            if (atFirstTask == REFERRALS) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(atFirstTask).as("referrals at their first user task within " + ALL_AT_FIRST_TASK_WITHIN.toSeconds() + " s")
                .isEqualTo(REFERRALS);
        // None got there by way of a failure: no step failed even once, and the simulator served every call from its own pool.
        assertThat(managementService.createJobQuery().withException().count()).isZero();
        assertThat(runtimeService.createIncidentQuery().count()).isZero();
        assertThat(simulatorPool.getHikariPoolMXBean().getTotalConnections()).isPositive();
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().get("A010").asInt()).isGreaterThanOrEqualTo(REFERRALS);
    }

    /**
     * The simulator reads its database through its own pool: with every engine connection held, an e-RS
     * read (A005, a database lookup) is answered at once instead of after the engine pool's timeout.
     */
    @Test
    void theSimulatorAnswersWhileEveryEngineConnectionIsHeld() throws Exception {
        HikariDataSource enginePool = (HikariDataSource) engineDataSource;
        String coordinator = coordinatorErsToken(); // before the pool is held: the tokens are in the database
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < enginePool.getMaximumPoolSize()) {
                held.add(enginePool.getConnection());
            }
            assertThat(enginePool.getHikariPoolMXBean().getActiveConnections()).isEqualTo(enginePool.getMaximumPoolSize());

            HttpRequest read = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ers-sim/FHIR/STU3/ReferralRequest/000000099999"))
                    .header("Authorization", "Bearer " + coordinator)
                    .header("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN_ADMIN")
                    .header("NHSD-End-User-Organisation-ODS", "R69")
                    .header("X-Correlation-ID", "pool-check")
                    .timeout(Duration.ofSeconds(60)).GET().build();
            Instant sent = Instant.now();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(read, HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.between(sent, Instant.now());

            // No such referral: e-RS's 404 with an OperationOutcome, which needed the simulator's database.
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
            assertThat(answer.body()).contains("OperationOutcome");
            assertThat(took).as("answered well before the engine pool's 20 s timeout").isLessThan(Duration.ofSeconds(10));
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    /** Every request waits at one gate, so that all of them reach the server together. */
    private List<LiveApplication.Answer> startAllAtOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(REFERRALS);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<LiveApplication.Answer>> pending = new ArrayList<>();
            for (int i = 0; i < REFERRALS; i++) {
                String requestId = "burst-" + i;
                Callable<LiveApplication.Answer> start = () -> {
                    gate.await();
                    return app.post("/api/referrals", "coordinator", Map.of("requestId", requestId, "nhsNumber", NHS_NUMBER,
                            "priority", "URGENT", "specialty", "CARDIOLOGY", "clinicType", "LIPID_MANAGEMENT"));
                };
                pending.add(clients.submit(start));
            }
            gate.countDown();
            List<LiveApplication.Answer> answers = new ArrayList<>();
            for (Future<LiveApplication.Answer> answer : pending) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            clients.shutdownNow();
        }
    }
}
