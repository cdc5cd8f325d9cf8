package org.ersreferral.demohistory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.ersreferral.process.NhsNumber;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.Priority;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.testsupport.ApplicationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated referrals are history the engine reads as its own: its HistoryService finds the process
 * instances, activities, tasks, variables and incidents, with removal times from the time to live,
 * and the application's records and e-RS calls match them.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:testdata;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoHistoryGeneratorTest {

    private static final int REFERRALS = 300;
    private static final Map<String, String> END_OF_OUTCOME = Map.of(
            "BOOKED", ReferralProcess.END_APPOINTMENT_BOOKED,
            "DEFERRED_TO_PROVIDER", ReferralProcess.END_BOOKING_DEFERRED,
            "SENT_FOR_TRIAGE", ReferralProcess.END_SENT_FOR_TRIAGE,
            "AWAITING_PATIENT_BOOKING", ReferralProcess.END_AWAITING_PATIENT_BOOKING,
            "SEARCH_ABANDONED", ReferralProcess.END_SEARCH_ABANDONED,
            "LEFT_IN_ERS", ReferralProcess.END_LEFT_IN_ERS);

    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    HistoryService historyService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    Clock clock;

    @Test
    @Order(1)
    void generatedReferralsAreConsistentHistoryOfTheDeployedProcess() throws Exception {
        Instant before = clock.instant();
        DemoHistoryGenerator generator = DemoHistoryCommand.generator(context);
        DemoHistoryGenerator.Result result = generator.generate(REFERRALS, 90, 42, written -> { });

        assertThat(result.referrals()).isEqualTo(REFERRALS);
        assertThat(generator.generatedReferrals()).isEqualTo(REFERRALS);
        List<HistoricProcessInstance> instances = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ReferralProcess.PROCESS_KEY).processInstanceBusinessKeyLike("testdata-%").finished().list();
        assertThat(instances).hasSize(REFERRALS);
        assertThat(historyService.createHistoricProcessInstanceQuery().unfinished().count()).isZero();
        for (HistoricProcessInstance instance : instances) {
            assertThat(instance.getStartTime().toInstant()).isBetween(before.minus(Duration.ofDays(91)), before);
            assertThat(instance.getEndTime().toInstant()).isAfter(instance.getStartTime().toInstant()).isBefore(before);
            assertThat(instance.getRemovalTime().toInstant())
                    .isEqualTo(instance.getEndTime().toInstant().plus(Duration.ofDays(180)));
        }

        // Every outcome, priority and several specialties; the end event says the same as the variable.
        Map<String, String> outcomeOf = variables("outcome");
        assertThat(Set.copyOf(outcomeOf.values())).isEqualTo(Arrays.stream(Outcome.values()).map(Enum::name).collect(Collectors.toSet()));
        assertThat(Set.copyOf(variables("priority").values())).isEqualTo(Arrays.stream(Priority.values()).map(Enum::name).collect(Collectors.toSet()));
        assertThat(Set.copyOf(variables("specialty").values())).hasSizeGreaterThanOrEqualTo(4);
        assertThat(variables("nhsNumber").values()).hasSize(REFERRALS).allSatisfy(nhs -> assertThat(NhsNumber.problem(nhs)).isNull());
        for (HistoricProcessInstance instance : instances) {
            String outcome = outcomeOf.get(instance.getId());
            if (outcome.equals("CANCELLED")) {
                assertThat(instance.getEndActivityId()).isIn(ReferralProcess.END_REFERRAL_CANCELLED,
                        ReferralProcess.END_REJECTED_REFERRAL_CANCELLED);
            } else {
                assertThat(instance.getEndActivityId()).as(instance.getBusinessKey()).isEqualTo(END_OF_OUTCOME.get(outcome));
            }
        }

        // One referral's path as the engine reports it: starts at the start event, ends at its end event.
        HistoricProcessInstance booked = instances.stream().filter(i -> outcomeOf.get(i.getId()).equals("BOOKED")).findFirst().orElseThrow();
        List<HistoricActivityInstance> path = historyService.createHistoricActivityInstanceQuery().processInstanceId(booked.getId())
                .orderPartiallyByOccurrence().asc().list();
        assertThat(path.get(0).getActivityId()).isEqualTo(ReferralProcess.START_REFERRAL_REQUESTED);
        assertThat(path.get(path.size() - 1).getActivityId()).isEqualTo(ReferralProcess.END_APPOINTMENT_BOOKED);
        assertThat(path).extracting(HistoricActivityInstance::getActivityId).contains(ReferralProcess.TASK_CHOOSE_SHORTLIST,
                ReferralProcess.TASK_CREATE_REFERRAL, ReferralProcess.TASK_CHOOSE_SLOT, ReferralProcess.TASK_BOOK_APPOINTMENT);

        // Every activity is an element of the deployed model of its instance, and every call's step one of the referral's steps.
        String definitionId = instances.get(0).getProcessDefinitionId();
        org.camunda.bpm.engine.RepositoryService repository = context.getBean(org.camunda.bpm.engine.RepositoryService.class);
        org.camunda.bpm.model.bpmn.BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
        assertThat(jdbc.queryForList("select distinct ACT_ID_ from ACT_HI_ACTINST where PROC_DEF_KEY_ = ?", String.class,
                ReferralProcess.PROCESS_KEY))
                .allSatisfy(activity -> assertThat((Object) model.getModelElementById(activity.replace("#multiInstanceBody", "")))
                        .as(activity).isNotNull());
        List<String> stepDefinitions = jdbc.queryForList("select distinct PROC_DEF_ID_ from ACT_HI_PROCINST where PROC_DEF_KEY_ = ?",
                String.class, ReferralProcess.STEP_PROCESS_KEY);
        assertThat(stepDefinitions).hasSize(1);
        org.camunda.bpm.model.bpmn.BpmnModelInstance stepModel = repository.getBpmnModelInstance(stepDefinitions.get(0));
        assertThat(jdbc.queryForList("select distinct ACT_ID_ from ACT_HI_ACTINST where PROC_DEF_KEY_ = ?", String.class,
                ReferralProcess.STEP_PROCESS_KEY)).contains(ReferralProcess.TASK_CALL_ERS, ReferralProcess.TASK_RESOLVE_REJECTION)
                .allSatisfy(activity -> assertThat((Object) stepModel.getModelElementById(activity)).as(activity).isNotNull());
        // Each e-RS step called an ers-step instance of its referral, with the referral's business key; names are the models'.
        assertThat(count("select count(*) from ACT_HI_ACTINST a join ACT_HI_PROCINST p on p.PROC_INST_ID_ = a.CALL_PROC_INST_ID_"
                + " where a.ACT_TYPE_ = 'callActivity' and p.SUPER_PROCESS_INSTANCE_ID_ = a.PROC_INST_ID_"
                + " and p.ROOT_PROC_INST_ID_ = a.PROC_INST_ID_ and p.PROC_DEF_KEY_ = 'ers-step'"))
                .isEqualTo(count("select count(*) from ACT_HI_ACTINST where ACT_TYPE_ = 'callActivity'"))
                .isEqualTo(count("select count(*) from ACT_HI_PROCINST where PROC_DEF_KEY_ = 'ers-step'"));
        assertThat(jdbc.queryForList("select distinct ACT_NAME_ from ACT_HI_ACTINST where ACT_ID_ = ?", String.class,
                ReferralProcess.TASK_SEARCH_SERVICES)).containsExactly("Search e-RS services");
        assertThat(jdbc.queryForList("select distinct step from ers_call_record", String.class))
                .allSatisfy(step -> assertThat((Object) model.getModelElementById(step)).as(step).isNotNull());

        // Tasks: the engine's query sees them all, completed or (cancelled referrals) deleted, with names as Tasklist shows them.
        long taskRows = count("select count(*) from ACT_HI_TASKINST");
        assertThat(historyService.createHistoricTaskInstanceQuery().processDefinitionKey(ReferralProcess.PROCESS_KEY).count()
                + historyService.createHistoricTaskInstanceQuery().processDefinitionKey(ReferralProcess.STEP_PROCESS_KEY).count())
                .isEqualTo(taskRows).isGreaterThan(REFERRALS);
        assertThat(historyService.createHistoricTaskInstanceQuery().finished().list())
                .extracting(task -> task.getTaskDefinitionKey()).contains(ReferralProcess.TASK_CHOOSE_SHORTLIST,
                        ReferralProcess.TASK_ATTACH_REFERRAL_LETTER, ReferralProcess.TASK_CHOOSE_SLOT,
                        ReferralProcess.TASK_RESOLVE_REJECTION, ReferralProcess.TASK_REFINE_SEARCH);
        assertThat(historyService.createHistoricTaskInstanceQuery().taskDefinitionKey(ReferralProcess.TASK_CHOOSE_SHORTLIST)
                .listPage(0, 1).get(0).getName()).matches("Choose shortlist — \\w[\\w ]+, (routine|urgent|two-week wait)");
        assertThat(historyService.createHistoricActivityInstanceQuery().activityType("userTask").count()).isEqualTo(taskRows);

        // A few incidents, all resolved by an operator before the referral went on.
        assertThat(historyService.createHistoricIncidentQuery().count()).isPositive()
                .isEqualTo(historyService.createHistoricIncidentQuery().resolved().count());

        // The application's records: one per instance, the same times, outcome and UBRN.
        assertThat(count("select count(*) from referral_record r join ACT_HI_PROCINST p on p.PROC_INST_ID_ = r.process_instance_id"
                + " and p.BUSINESS_KEY_ = r.request_id where r.status = 'COMPLETED'")).isEqualTo(REFERRALS);
        assertThat(count("select count(*) from referral_record r join ACT_HI_VARINST v on v.PROC_INST_ID_ = r.process_instance_id"
                + " and v.NAME_ = 'outcome' and v.TEXT_ = r.outcome")).isEqualTo(REFERRALS);
        assertThat(jdbc.queryForList("select request_id, outcome, ubrn from referral_record where ubrn is null and outcome <> 'SEARCH_ABANDONED'")).isEmpty();

        // e-RS calls: every referral has some, every call belongs to a generated referral; some failed and were retried.
        assertThat(count("select count(distinct process_instance_id) from ers_call_record")).isEqualTo(REFERRALS);
        assertThat(count("select count(*) from ers_call_record c where not exists (select 1 from referral_record r"
                + " where r.process_instance_id = c.process_instance_id)")).isZero();
        assertThat(count("select count(*) from ers_call_record where status >= 400 or status = 0")).isPositive();
        long calls = count("select count(*) from ers_call_record");
        long firstAttempts = count("select count(*) from (select distinct process_instance_id, step, operation from ers_call_record) d");
        assertThat(calls).isGreaterThan(firstAttempts);
        assertThat(count("select count(distinct operation) from ers_call_record")).isGreaterThanOrEqualTo(10);
    }

    @Test
    @Order(2)
    void refusesADatabaseWithReferralsItDidNotGenerateUnlessForced() throws Exception {
        jdbc.update("insert into referral_record (request_id, process_instance_id, specialty, priority, status, created_at, version)"
                + " values ('gp-request-1', 'not-generated', 'CARDIOLOGY', 'URGENT', 'ACTIVE', ?, 0)",
                java.sql.Timestamp.from(clock.instant()));
        DemoHistoryGenerator generator = DemoHistoryCommand.generator(context);
        long generated = generator.generatedReferrals();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        assertThat(DemoHistoryCommand.generate(generator, dataSource, 10, 90, 7, false, out)).isEqualTo(DemoHistoryCommand.REFUSED);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("holds 1 referrals", "that were not generated", "--force");
        assertThat(generator.generatedReferrals()).isEqualTo(generated);

        assertThat(DemoHistoryCommand.generate(generator, dataSource, 10, 90, 7, true, out)).isZero();
        assertThat(generator.generatedReferrals()).isEqualTo(generated + 10);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Wrote 10 referrals");
    }

    @Test
    @Order(3)
    void refusesBadOptionsWithAClearMessage() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        assertThat(DemoHistoryCommand.run(new String[] {"--referrals=lots"}, out)).isEqualTo(DemoHistoryCommand.USAGE_ERROR);
        assertThat(DemoHistoryCommand.run(new String[] {"--referrals=0"}, out)).isEqualTo(DemoHistoryCommand.USAGE_ERROR);
        assertThat(DemoHistoryCommand.run(new String[] {"--colour=red"}, out)).isEqualTo(DemoHistoryCommand.USAGE_ERROR);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--referrals must be a whole number, not 'lots'",
                "--referrals must be between 1 and 5000000, not 0", "Unknown option --colour", "usage: java -jar ers-referral.jar test-data");
    }

    private Map<String, String> variables(String name) {
        return historyService.createHistoricVariableInstanceQuery().variableName(name).list().stream()
                .collect(Collectors.toMap(HistoricVariableInstance::getProcessInstanceId, v -> (String) v.getValue()));
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}
