package org.ersreferral.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ReferenceDataService;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.security.Organisations;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sync forgetting referrals long off the lists, on the application's own database (its table as the
 * mapping makes it) and engine: a row goes only when no follow-up of the referral runs and the engine keeps no
 * history of one. e-RS shows empty lists here, so no referral is read or told.
 */
class ForgettingSeenReferralsTest extends RunningApplicationTest {

    /** An organisation of its own: other tests of the shared application leave what the sync saw of theirs. */
    private static final String ORG = "RFG01";
    private static final Duration FORGET_AFTER = Duration.ofDays(30);
    private static final String NEVER_FOLLOWED = "000000079901";
    private static final String FOLLOWED_NOW = "000000079902";
    private static final String FOLLOWED_BEFORE = "000000079903";
    private static final String LEFT_LATELY = "000000079904";
    private static final List<String> UBRNS = List.of(NEVER_FOLLOWED, FOLLOWED_NOW, FOLLOWED_BEFORE, LEFT_LATELY);

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private final TestClock clock = TestClock.at(Instant.parse("2026-12-01T10:00:00Z"));

    @AfterEach
    void forgetTheTestsReferrals() {
        for (String ubrn : UBRNS) {
            jdbc.update("delete from worklist_sync_seen where organisation = ? and ubrn = ?", ORG, ubrn);
            runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                    .variableValueEquals(ReferralVariables.UBRN.name(), ubrn).list()
                    .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test clean-up", true, true));
            List<String> ended = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                    .variableValueEquals(ReferralVariables.UBRN.name(), ubrn).list().stream().map(p -> p.getId()).toList();
            if (!ended.isEmpty()) {
                historyService.deleteHistoricProcessInstancesIfExists(ended);
            }
        }
        jdbc.update("delete from ers_state_seen where business_key like 'forget-%'");
    }

    @Test
    void onlyAReferralNothingHereFollowsOrRemembersIsForgottenOnceOffTheListsForTheTimeToLive() {
        offTheListsSince(NEVER_FOLLOWED, clock.instant().minus(FORGET_AFTER).minusSeconds(60));
        offTheListsSince(FOLLOWED_NOW, clock.instant().minus(FORGET_AFTER).minusSeconds(60));
        offTheListsSince(FOLLOWED_BEFORE, clock.instant().minus(FORGET_AFTER).minusSeconds(60));
        offTheListsSince(LEFT_LATELY, clock.instant().minus(FORGET_AFTER).plusSeconds(60));
        followUp(FOLLOWED_NOW);
        ProcessInstance ended = followUp(FOLLOWED_BEFORE);
        runtimeService.deleteProcessInstance(ended.getId(), "test: its follow-up ended");
        ErsClient ers = mock(ErsClient.class);
        when(ers.fetchWorklist(any(), any())).thenReturn(List.of());

        WorklistSync.Outcome outcome = sync(ers).run(ORG, () -> true);

        assertThat(outcome.forgotten()).isOne();
        assertThat(remembered()).containsExactlyInAnyOrder(FOLLOWED_NOW, FOLLOWED_BEFORE, LEFT_LATELY);
        verify(ers, never()).retrieveReferral(any(), any());

        // its follow-up's history gone as well (removed after the time to live): forgotten at the next run
        historyService.deleteHistoricProcessInstancesIfExists(List.of(ended.getId()));
        assertThat(sync(ers).run(ORG, () -> true).forgotten()).isOne();
        assertThat(remembered()).containsExactlyInAnyOrder(FOLLOWED_NOW, LEFT_LATELY);
    }

    private WorklistSync sync(ErsClient ers) {
        SyncCoordinators nobody = new SyncCoordinators(jdbc, (user, organisation) -> false, null, clock);
        return new WorklistSync(ers, mock(ReferenceDataService.class), nobody, new SeenReferrals(jdbc, clock),
                new FollowUps(runtimeService, historyService), mock(SignInToRefreshTasks.class), new TransactionTemplate(transactions),
                false, clock, new WorklistSync.Forgetting(FORGET_AFTER, Duration.ZERO));
    }

    private void offTheListsSince(String ubrn, Instant since) {
        jdbc.update("insert into worklist_sync_seen (organisation, ubrn, lists, told_mark, told_status, follow_up_started,"
                + " off_lists_since) values (?, ?, '', 'x|', 'BOOKED', ?, ?)", ORG, ubrn, !NEVER_FOLLOWED.equals(ubrn),
                Timestamp.from(since));
    }

    /** Its follow-up, as the sync starts one for a referral found on a list: it waits for a coordinator, calling no e-RS. */
    private ProcessInstance followUp(String ubrn) {
        ProcessInstance followUp = runtimeService.createProcessInstanceByKey(FollowUp.PROCESS_KEY).businessKey("forget-" + ubrn)
                .setVariables(Map.of(ReferralVariables.UBRN.name(), ubrn, FollowUp.FOUND_IN_ERS.name(), true,
                        Organisations.START_VARIABLE, ORG, FollowUp.ERS_STATUS.name(), "BOOKED")).execute();
        // its start is a job: let it settle before the instance is deleted under it
        Await.until("the follow-up offering the referral", Duration.ofSeconds(30), () -> taskService.createTaskQuery()
                .processInstanceId(followUp.getId()).taskDefinitionKey(FollowUp.TASK_TAKE_ON_ERS_REFERRAL).count() == 1);
        return followUp;
    }

    private List<String> remembered() {
        return jdbc.queryForList("select ubrn from worklist_sync_seen where organisation = ? and ubrn in (?, ?, ?, ?)",
                String.class, ORG, NEVER_FOLLOWED, FOLLOWED_NOW, FOLLOWED_BEFORE, LEFT_LATELY);
    }
}
