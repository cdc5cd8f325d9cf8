package org.ersreferral.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.security.Organisations;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The configured history time to live on real referrals: it reaches every deployed version, and the
 * engine's cleanup together with the application's removes referrals older than it, in the engine's
 * history and the application's tables, while younger ones stay. Time is moved with the engine's
 * ClockUtil and the application's Clock, not waited for.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:retention;DB_CLOSE_DELAY=-1",
        "referral.history.time-to-live=30d"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryRetentionTest {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** A fixed port: the application calls its own embedded e-RS at server.port. */
    static final int PORT = LiveApplication.freePort();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        /** The application's clock, moved together with the engine's. */
        TestClock shiftedClock() {
            return TestClock.fromNow();
        }
    }

    @Autowired
    TestClock clock;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    HistoryService historyService;
    @Autowired
    ManagementService managementService;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationHistoryCleanup applicationCleanup;
    @Autowired
    ReferralHistoryTimeToLive timeToLive;

    @AfterEach
    void backToNow() {
        shiftTime(Duration.ZERO);
    }

    @Test
    @Order(1)
    void cleanupRemovesReferralsOlderThanTheTimeToLiveAndKeepsYoungerOnes() {
        assertThat(latestDefinition().getHistoryTimeToLive()).as("configured, though the model says 180").isEqualTo(30);

        shiftTime(Duration.ofDays(-45));
        String old = abandonedReferral("retention-old");
        shiftTime(Duration.ofDays(-10));
        String young = abandonedReferral("retention-young");
        shiftTime(Duration.ZERO);

        HistoricProcessInstance oldHistory = historic(old);
        assertThat(oldHistory.getRemovalTime()).isEqualTo(Date.from(oldHistory.getEndTime().toInstant().plus(Duration.ofDays(30))));
        assertThat(historyRows(old)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        assertThat(applicationRows(old)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());

        // Calls of no referral that are due go too: the start checks read e-RS's codes (A004) before the referral exists.
        Long orphanCallsDue = jdbc.queryForObject("select count(*) from ers_call_record c where c.started_at < ?"
                + " and not exists (select 1 from referral_record r where r.process_instance_id = c.process_instance_id)"
                + " and not exists (select 1 from ACT_HI_PROCINST p where p.PROC_INST_ID_ = c.process_instance_id)", Long.class, Timestamp.from(clock.instant().minus(Duration.ofDays(30))));

        // The engine's cleanup job, run now rather than in its window.
        Job cleanupJob = historyService.cleanUpHistoryAsync(true);
        await("engine history of the old referral removed", () -> {
            try {
                managementService.executeJob(cleanupJob.getId());
            } catch (ProcessEngineException runByTheJobExecutorMeanwhile) {
                // the job executor ran it first: just look again
            }
            return historic(old) == null;
        });
        ApplicationHistoryCleanup.Removed removed = applicationCleanup.cleanUp(clock.instant());

        assertThat(removed.referrals()).isEqualTo(1);
        assertThat(removed.ersStates()).as("the states its ended follow-up saw").isEqualTo(2);
        assertThat((long) removed.calls()).isEqualTo(applicationRowsBefore.get("ers_call_record") + orphanCallsDue);
        assertThat((long) removed.requests()).isEqualTo(applicationRowsBefore.get("ers_request_journal"));
        assertThat(historyRows(old)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(applicationRows(old)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(historyRows(young)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        assertThat(applicationRows(young)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        assertThat(applicationCleanup.cleanUp(clock.instant())).as("nothing more due").isEqualTo(new ApplicationHistoryCleanup.Removed(0, 0, 0, 0));
        youngReferral = young;
    }

    @Test
    @Order(2)
    void aVersionWithAnotherTimeToLiveIsUpdatedAtStartUpWithTheRemovalTimesOfItsEndedReferrals() {
        ProcessDefinition definition = latestDefinition();
        String young = youngReferral;
        Date end = historic(young).getEndTime();
        Date configured = Date.from(end.toInstant().plus(Duration.ofDays(30)));
        // As if the referral had ended under a version deployed with the model's 180 days.
        Date longer = Date.from(end.toInstant().plus(Duration.ofDays(180)));
        historyService.setRemovalTimeToHistoricProcessInstances().absoluteRemovalTime(longer).byIds(young).executeAsync();
        await("removal time set to 180 days", () -> longer.equals(historic(young).getRemovalTime()));
        repositoryService.updateProcessDefinitionHistoryTimeToLive(definition.getId(), 180);

        timeToLive.postProcessEngineBuild(engine);

        assertThat(latestDefinition().getHistoryTimeToLive()).isEqualTo(30);
        await("removal time recalculated for 30 days", () -> configured.equals(historic(young).getRemovalTime()));
    }

    @Test
    @Order(3)
    void aSentReferralStillFollowedInErsKeepsItsRecordHoweverLongAgoItWasSent() {
        shiftTime(Duration.ofDays(-45));
        abandonedReferral("retention-followed");
        shiftTime(Duration.ZERO);
        // Its follow-up, as for a referral found on a worklist: it waits for a coordinator and calls no e-RS.
        ProcessInstance followUp = engine.getRuntimeService().createProcessInstanceByKey(FollowUp.PROCESS_KEY)
                .businessKey("retention-followed").setVariables(Map.of(ReferralVariables.UBRN.name(), "000000070099",
                        FollowUp.FOUND_IN_ERS.name(), true, Organisations.START_VARIABLE, "R69",
                        FollowUp.ERS_STATUS.name(), "REJECTED")).execute();
        // Its start is a job of the job executor: let it settle before the instance is deleted under it.
        await("the follow-up offering the referral to be taken on", () -> taskService.createTaskQuery()
                .processInstanceId(followUp.getId()).taskDefinitionKey(FollowUp.TASK_TAKE_ON_ERS_REFERRAL).count() == 1);

        applicationCleanup.cleanUp(clock.instant());
        assertThat(recordsOf("retention-followed")).as("kept while followed").isOne();

        engine.getRuntimeService().deleteProcessInstance(followUp.getId(), "test: no longer followed");
        applicationCleanup.cleanUp(clock.instant());
        assertThat(recordsOf("retention-followed")).isZero();
    }

    private long recordsOf(String requestId) {
        return jdbc.queryForObject("select count(*) from referral_record where request_id = ?", Long.class, requestId);
    }

    private static String youngReferral;
    private Map<String, Long> applicationRowsBefore;

    private String abandonedReferral(String requestId) {
        LiveApplication app = new LiveApplication(PORT);
        LiveApplication.Answer started = app.post("/api/referrals", "coordinator", Map.of("requestId", requestId,
                "nhsNumber", "9912003888", "priority", "ROUTINE", "specialty", "ALLERGY"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String instance = started.json().get("processInstanceId").asText();
        Task[] refine = new Task[1];
        await("refine search task of " + requestId, () -> {
            refine[0] = taskService.createTaskQuery().processInstanceId(instance)
                    .taskDefinitionKey(ReferralProcess.TASK_REFINE_SEARCH).singleResult();
            return refine[0] != null;
        });
        taskService.complete(refine[0].getId(), Map.of("abandonSearch", true));
        await("end of " + requestId, () -> historic(instance) != null && historic(instance).getEndTime() != null);
        // An abandoned search changes nothing in e-RS; a journalled request stands for the referrals that did.
        jdbc.update("insert into ers_request_journal (process_instance_id, step, operation, request_key, attempt, status, sent_at)"
                + " values (?, 'Task_CreateReferral', 'A011', 'A011', 1, 'ANSWERED', ?)", instance, Timestamp.from(clock.instant()));
        // The e-RS states its follow-up saw (an instance the engine no longer knows, as one long ended).
        for (String status : new String[] {"NOT_BOOKED", "BOOKED"}) {
            jdbc.update("insert into ers_state_seen (process_instance_id, business_key, organisation, seen_at, status, last_updated)"
                    + " values (?, ?, 'R69', ?, ?, ?)", "follow-up-" + instance, requestId, Timestamp.from(clock.instant()), status,
                    status + "-" + requestId);
        }
        if (requestId.endsWith("old")) {
            applicationRowsBefore = applicationRows(instance);
        }
        return instance;
    }

    private void shiftTime(Duration shift) {
        clock.shiftBy(shift);
        if (shift.isZero()) {
            ClockUtil.reset();
        } else {
            ClockUtil.offset(shift.toMillis());
        }
    }

    private ProcessDefinition latestDefinition() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(ReferralProcess.PROCESS_KEY)
                .latestVersion().singleResult();
    }

    private HistoricProcessInstance historic(String instance) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult();
    }

    private Map<String, Long> historyRows(String instance) {
        return Map.of(
                "ACT_HI_PROCINST", count("select count(*) from ACT_HI_PROCINST where PROC_INST_ID_ = ?", instance),
                "ACT_HI_ACTINST", count("select count(*) from ACT_HI_ACTINST where PROC_INST_ID_ = ?", instance),
                "ACT_HI_TASKINST", count("select count(*) from ACT_HI_TASKINST where PROC_INST_ID_ = ?", instance),
                "ACT_HI_VARINST", count("select count(*) from ACT_HI_VARINST where PROC_INST_ID_ = ?", instance));
    }

    private Map<String, Long> applicationRows(String instance) {
        return Map.of(
                "referral_record", count("select count(*) from referral_record where process_instance_id = ?", instance),
                "ers_call_record", count("select count(*) from ers_call_record where process_instance_id = ?", instance),
                "ers_request_journal", count("select count(*) from ers_request_journal where process_instance_id = ?", instance),
                "ers_state_seen", count("select count(*) from ers_state_seen where process_instance_id = 'follow-up-' || ?", instance));
    }

    private long count(String sql, String instance) {
        Long count = jdbc.queryForObject(sql, Long.class, instance);
        return count == null ? 0 : count;
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, SETTLE, condition);
    }
}
