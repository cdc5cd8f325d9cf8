package org.ersreferral.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsPeople;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.ers.ReferenceDataService;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistItem;
import org.ersreferral.ers.WorklistType;
import org.ersreferral.process.FollowUp;
import org.ersreferral.security.AccessGroups;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One organisation's run against a scripted e-RS and follow-ups: one message per change, none twice,
 * a busy follow-up told at the next run, a referral made elsewhere followed once, a referral that left
 * the lists read again, and a sign-in task when nobody can act.
 */
class WorklistSyncTest {

    private static final String ORG = "R69";
    private static final String UBRN = "000000070001";
    private static final OffsetDateTime T1 = OffsetDateTime.parse("2026-11-30T10:00:00Z");
    private static final OffsetDateTime T2 = OffsetDateTime.parse("2026-11-30T11:00:00Z");
    /** How long a referral on no list is remembered at least (the history time to live). */
    private static final Duration FORGET_AFTER = Duration.ofDays(30);
    private static final String CANCELLATION_REASONS = "https://ers.example/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON";

    private final JdbcTemplate jdbc = SyncTables.create();
    private final ErsClient ers = mock(ErsClient.class);
    private final ReferenceDataService referenceData = mock(ReferenceDataService.class);
    private final FollowUps followUps = mock(FollowUps.class);
    private final SignInToRefreshTasks signIn = mock(SignInToRefreshTasks.class);
    private final Map<WorklistType, List<WorklistItem>> lists = new EnumMap<>(WorklistType.class);
    private final List<String> tokens = new ArrayList<>(List.of("casey"));
    private final TestClock clock = TestClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private SyncCoordinators coordinators;
    private WorklistSync sync;

    @BeforeEach
    void setUp() {
        ErsPeople people = new ErsPeople() {
            @Override
            public Optional<String> accessToken(String userId) {
                return tokens.contains(userId) ? Optional.of("t") : Optional.empty();
            }

            @Override
            public Optional<ErsRole> chosenRole(String userId) {
                return Optional.of(new ErsRole("REFERRING_CLINICIAN_ADMIN", userId.startsWith("other") ? "RXB" : ORG, "Practice"));
            }

            @Override
            public void tokenRefused(String userId) {
                tokens.remove(userId);
            }
        };
        coordinators = new SyncCoordinators(jdbc, (user, organisation) -> true, people, clock);
        coordinators.signedIn("casey", List.of(AccessGroups.COORDINATORS), List.of(ORG));
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        sync = new WorklistSync(ers, referenceData, coordinators, new SeenReferrals(jdbc, clock), followUps, signIn, transaction, true,
                clock, new WorklistSync.Forgetting(FORGET_AFTER, Duration.ZERO));
        for (WorklistType type : WorklistType.values()) {
            lists.put(type, List.of());
        }
        when(ers.fetchWorklist(any(), any())).thenAnswer(call -> lists.get(call.getArgument(1, WorklistType.class)));
        when(referenceData.codeSystem(any(), eq("APPOINTMENT-CANCELLATION-REASON"))).thenReturn(new CodeSystemView(
                "APPOINTMENT-CANCELLATION-REASON", CANCELLATION_REASONS,
                List.of(new CodeSystemView.Concept("FURTHER_INFORMATION_REQUIRED", "Further information required"))));
        // The reason in words is the reference data service's own rule, run on the stubbed code system above.
        when(referenceData.reasonDisplay(any(), any())).thenCallRealMethod();
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.of("pi-1"));
    }

    private void rejectedAt(OffsetDateTime lastUpdated) {
        lists.put(WorklistType.REJECTED_TRIAGE_RESPONSE, List.of(new WorklistItem(UBRN, ReferralStatus.REJECTED,
                "FURTHER_INFORMATION_REQUIRED", lastUpdated, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "3", "REJECTED", List.of("11000"), null,
                null, new ReferralState.StateReason(CANCELLATION_REASONS, "FURTHER_INFORMATION_REQUIRED", null),
                "Please add the ECG", null));
    }

    private WorklistSync.Outcome run() {
        return sync.run(ORG, () -> true);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> told(int times) {
        ArgumentCaptor<Map<String, Object>> variables = ArgumentCaptor.forClass(Map.class);
        verify(followUps, times(times)).tell(eq("pi-1"), variables.capture());
        return variables.getValue();
    }

    @Test
    void aProviderRejectionIsToldOnceWithItsStateReasonInWordsAndComments() {
        rejectedAt(T1);

        WorklistSync.Outcome first = run();

        assertThat(first.told()).isEqualTo(1);
        assertThat(first.actingUser()).isEqualTo("casey");
        Map<String, Object> variables = told(1);
        assertThat(variables).containsEntry(FollowUp.ERS_STATUS.name(), "REJECTED")
                .containsEntry(FollowUp.ERS_STATUS_REASON.name(), "FURTHER_INFORMATION_REQUIRED")
                .containsEntry(FollowUp.ERS_STATUS_REASON_DISPLAY.name(), "Further information required")
                .containsEntry(FollowUp.ERS_STATUS_COMMENTS.name(), "Please add the ECG")
                .containsEntry(FollowUp.ERS_LAST_UPDATED.name(), T1.toString())
                .containsEntry(FollowUp.ERS_WORKLIST.name(), "REJECTED_TRIAGE_RESPONSE");
        // every call acts as the coordinator
        ArgumentCaptor<ErsCall> calls = ArgumentCaptor.forClass(ErsCall.class);
        verify(ers, times(4)).fetchWorklist(calls.capture(), any());
        assertThat(calls.getAllValues()).extracting(ErsCall::actingUser).containsOnly("casey");

        WorklistSync.Outcome second = run();
        assertThat(second.told()).isZero();
        told(1);
        verify(ers, times(1)).retrieveReferral(any(), eq(UBRN));

        // the provider cancels it: a new change (the same state again with a new time would be no news)
        lists.put(WorklistType.REJECTED_TRIAGE_RESPONSE, List.of());
        lists.put(WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA, List.of(new WorklistItem(UBRN, ReferralStatus.CANCELLED_REFERRAL,
                null, T2, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "4", "CANCELLED_REFERRAL", List.of(), null));
        assertThat(run().told()).as("a new change").isEqualTo(1);
        assertThat(told(2)).containsEntry(FollowUp.ERS_WORKLIST.name(), "ASSESSMENT_RETURNED_CANCELLED_DNA");
    }

    @Test
    void firstSeenInTheStateItsFollowUpStartedWithIsNoNewsButAnOutstandingLetterIs() {
        lists.put(WorklistType.AWAITING_BOOKING, List.of(new WorklistItem(UBRN, ReferralStatus.DEFERRED_TO_PROVIDER, null, T1, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "2", "DEFERRED_TO_PROVIDER", List.of(), null));
        when(followUps.knownStatus("pi-1")).thenReturn(ReferralStatus.DEFERRED_TO_PROVIDER);

        assertThat(run().told()).isZero();
        verify(followUps, never()).tell(anyString(), anyMap());

        lists.put(WorklistType.LETTERS_OUTSTANDING, List.of(new WorklistItem(UBRN, null, null, null, LocalDate.of(2026, 12, 3))));
        assertThat(run().told()).isEqualTo(1);
        assertThat(told(1)).containsEntry(FollowUp.ERS_WORKLIST.name(), "LETTERS_OUTSTANDING")
                .containsEntry(FollowUp.LETTER_DUE.name(), "2026-12-03");
    }

    @Test
    void aChangeToldWhileTheListsWereReadOneAfterTheOtherIsNotToldAgainWhenItShowsOnItsList() {
        lists.put(WorklistType.AWAITING_BOOKING, List.of(new WorklistItem(UBRN, ReferralStatus.DEFERRED_TO_PROVIDER, null, T1, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "2", "DEFERRED_TO_PROVIDER", List.of(), null));
        when(followUps.knownStatus("pi-1")).thenReturn(ReferralStatus.DEFERRED_TO_PROVIDER);
        run();
        // rejected after the rejected list was read, before the awaiting-booking list: on none this run
        lists.put(WorklistType.AWAITING_BOOKING, List.of());
        rejectedAt(T2);
        lists.put(WorklistType.REJECTED_TRIAGE_RESPONSE, List.of());
        assertThat(run().told()).isEqualTo(1);
        when(followUps.knownStatus("pi-1")).thenReturn(ReferralStatus.REJECTED);

        rejectedAt(T2);
        assertThat(run().told()).as("the same rejection, now on its list").isZero();
        told(1);
    }

    @Test
    void aFollowUpBusyInATaskIsToldAtTheNextRunNotMarkedSeenMeanwhile() {
        rejectedAt(T1);
        doThrow(new MismatchingMessageCorrelationException("not waiting")).doNothing().when(followUps).tell(eq("pi-1"), anyMap());

        assertThat(run().busy()).isEqualTo(1);
        assertThat(run().told()).isEqualTo(1);
        assertThat(run().told()).isZero();
        told(2);
    }

    @Test
    void aReferralThatLeftTheListsIsReadAgainAndToldOnlyIfItsStateChanged() {
        lists.put(WorklistType.AWAITING_BOOKING, List.of(new WorklistItem(UBRN, ReferralStatus.NOT_BOOKED, null, T1, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "2", "NOT_BOOKED", List.of(), null));
        assertThat(run().told()).isEqualTo(1);

        lists.put(WorklistType.AWAITING_BOOKING, List.of());
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "3", "BOOKED", List.of(), null));
        assertThat(run().told()).isEqualTo(1);
        Map<String, Object> variables = told(2);
        assertThat(variables.get(FollowUp.ERS_STATUS.name())).isEqualTo("BOOKED");
        assertThat(variables).containsKey(FollowUp.ERS_WORKLIST.name());
        assertThat(FollowUp.ERS_WORKLIST.stored(null)).isEqualTo(variables.get(FollowUp.ERS_WORKLIST.name()));

        assertThat(run().told()).as("gone, and told").isZero();
        verify(ers, times(2)).retrieveReferral(any(), eq(UBRN));
    }

    @Test
    void aReferralMadeOutsideTheApplicationGetsOneFollowUpNeverTwo() {
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());
        lists.put(WorklistType.LETTERS_OUTSTANDING, List.of(new WorklistItem(UBRN, null, null, null, LocalDate.of(2026, 12, 3))));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "1", "NOT_BOOKED", List.of(), null));
        when(followUps.startFound(eq(ORG), eq(UBRN), anyMap())).thenReturn("found-1");

        assertThat(run().started()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> variables = ArgumentCaptor.forClass(Map.class);
        verify(followUps).startFound(eq(ORG), eq(UBRN), variables.capture());
        assertThat(variables.getValue()).containsEntry(FollowUp.ERS_WORKLIST.name(), "LETTERS_OUTSTANDING")
                .containsEntry(FollowUp.LETTER_DUE.name(), "2026-12-03").containsEntry(FollowUp.ERS_STATUS.name(), "NOT_BOOKED");

        // its follow-up ended (nobody running) and e-RS changed it again: not offered a second time
        lists.put(WorklistType.LETTERS_OUTSTANDING, List.of(new WorklistItem(UBRN, null, null, null, LocalDate.of(2026, 12, 9))));
        WorklistSync.Outcome again = run();
        assertThat(again.started()).isZero();
        verify(followUps, times(1)).startFound(anyString(), anyString(), anyMap());
    }

    @Test
    void theProductsOwnReferralStillBeingSentIsNotTakenForOneMadeElsewhere() {
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());
        when(followUps.beingSent(ORG, UBRN)).thenReturn(true);
        lists.put(WorklistType.LETTERS_OUTSTANDING, List.of(new WorklistItem(UBRN, null, null, null, LocalDate.of(2026, 12, 3))));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "1", "NOT_BOOKED", List.of(), null));

        assertThat(run().busy()).isEqualTo(1);
        verify(followUps, never()).startFound(anyString(), anyString(), anyMap());

        // sent: its follow-up waits, and is told what the lists showed meanwhile
        when(followUps.beingSent(ORG, UBRN)).thenReturn(false);
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.of("pi-1"));
        assertThat(run().told()).isEqualTo(1);
    }

    @Test
    void noCoordinatorWhoMayActRaisesTheSignInTaskOnlyWhereReferralsAreFollowed() {
        tokens.clear();
        when(followUps.anyRunning(ORG)).thenReturn(true);
        assertThat(run().signInRaised()).isTrue();
        verify(signIn).raise(ORG);
        verify(ers, never()).fetchWorklist(any(), any());

        when(followUps.anyRunning(ORG)).thenReturn(false);
        assertThat(run().signInRaised()).isFalse();
        verify(signIn, times(1)).raise(anyString());
    }

    @Test
    void aCoordinatorWhoseSignInERsRefusesIsPassedOverForTheNext() {
        coordinators.signedIn("drew", List.of(AccessGroups.COORDINATORS), List.of(ORG));
        tokens.add("drew");
        when(ers.fetchWorklist(any(), any())).thenAnswer(call -> {
            if ("drew".equals(call.getArgument(0, ErsCall.class).actingUser())) {
                throw new ErsException.Unauthorised("A008", "token expired");
            }
            return lists.get(call.getArgument(1, WorklistType.class));
        });
        rejectedAt(T1);

        WorklistSync.Outcome outcome = run();

        assertThat(outcome.actingUser()).isEqualTo("casey");
        assertThat(outcome.told()).isEqualTo(1);
        verify(signIn).completeAs(eq(ORG), eq("casey"), any(), eq(List.of(ORG)));
    }

    @Test
    void aListThatCannotBeReadStopsTheRunBeforeAnyReferralIsTakenForGone() {
        lists.put(WorklistType.AWAITING_BOOKING, List.of(new WorklistItem(UBRN, ReferralStatus.NOT_BOOKED, null, T1, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "2", "NOT_BOOKED", List.of(), null));
        run();
        when(ers.fetchWorklist(any(), eq(WorklistType.LETTERS_OUTSTANDING)))
                .thenThrow(new ErsException.Unavailable("A008", 503, "down", null));

        assertThatThrownBy(this::run).isInstanceOf(ErsException.Unavailable.class);
        verify(ers, times(1)).retrieveReferral(any(), eq(UBRN));
    }

    @Test
    void aReferralThatFailsIsLeftForTheNextRunAndTheOthersGoOn() {
        String other = "000000070002";
        lists.put(WorklistType.AWAITING_BOOKING, List.of(new WorklistItem(UBRN, ReferralStatus.NOT_BOOKED, null, T1, null),
                new WorklistItem(other, ReferralStatus.NOT_BOOKED, null, T1, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenThrow(new ErsException.Unavailable("A005", 500, "oops", null));
        when(ers.retrieveReferral(any(), eq(other))).thenReturn(new ReferralState(other, "2", "NOT_BOOKED", List.of(), null));
        when(followUps.running(ORG, other)).thenReturn(Optional.of("pi-2"));

        WorklistSync.Outcome outcome = run();

        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.told()).isEqualTo(1);
        verify(followUps).tell(eq("pi-2"), anyMap());
        assertThat(jdbc.queryForObject("select told_mark from worklist_sync_seen where ubrn = ?", String.class, UBRN)).isNull();
    }

    private boolean remembered(String ubrn) {
        return jdbc.queryForObject("select count(*) from worklist_sync_seen where ubrn = ?", Integer.class, ubrn) == 1;
    }

    /** The referral was followed, then booked (gone from every list) and told so. */
    private void bookedAndOffTheLists() {
        lists.put(WorklistType.AWAITING_BOOKING, List.of(new WorklistItem(UBRN, ReferralStatus.NOT_BOOKED, null, T1, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "2", "NOT_BOOKED", List.of(), null));
        run();
        lists.put(WorklistType.AWAITING_BOOKING, List.of());
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "3", "BOOKED", List.of(), null));
        assertThat(run().told()).isEqualTo(1);
    }

    @Test
    void aReferralOffTheListsIsRememberedWhileItsFollowUpRunsOrItsHistoryIsKeptAndForgottenAfter() {
        bookedAndOffTheLists();

        clock.advance(FORGET_AFTER.minusDays(1));
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());
        assertThat(run().forgotten()).as("off the lists for less than the time to live").isZero();
        assertThat(remembered(UBRN)).isTrue();

        clock.advance(Duration.ofDays(2));
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.of("pi-1"));
        assertThat(run().forgotten()).as("its follow-up still runs (an appointment far ahead)").isZero();
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());
        when(followUps.beingSent(ORG, UBRN)).thenReturn(true);
        assertThat(run().forgotten()).as("the product is still sending it").isZero();
        when(followUps.beingSent(ORG, UBRN)).thenReturn(false);
        when(followUps.everFollowed(ORG, UBRN)).thenReturn(true);
        assertThat(run().forgotten()).as("the engine keeps the history of its ended follow-up").isZero();
        assertThat(remembered(UBRN)).isTrue();

        when(followUps.everFollowed(ORG, UBRN)).thenReturn(false);
        assertThat(run().forgotten()).as("its history gone too").isOne();
        assertThat(remembered(UBRN)).isFalse();
        assertThat(run().forgotten()).isZero();
        verify(followUps, times(2)).tell(eq("pi-1"), anyMap());
        verify(followUps, never()).startFound(anyString(), anyString(), anyMap());
    }

    @Test
    void anOrganisationsRunsLookForReferralsToForgetOnlyOnceInEachLookInterval() {
        sync = new WorklistSync(ers, referenceData, coordinators, new SeenReferrals(jdbc, clock), followUps, signIn,
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())), true, clock,
                new WorklistSync.Forgetting(FORGET_AFTER, Duration.ofDays(1)));
        bookedAndOffTheLists();
        clock.advance(FORGET_AFTER.plusDays(1));
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());
        when(followUps.everFollowed(ORG, UBRN)).thenReturn(true);

        assertThat(run().forgotten()).as("its follow-up's history is kept").isZero();
        when(followUps.everFollowed(ORG, UBRN)).thenReturn(false);
        clock.advance(Duration.ofHours(23));
        assertThat(run().forgotten()).as("looked at less than a day ago").isZero();
        verify(followUps, times(1)).everFollowed(ORG, UBRN);
        assertThat(remembered(UBRN)).isTrue();

        clock.advance(Duration.ofHours(1));
        assertThat(run().forgotten()).as("a day after the last look").isOne();
        assertThat(remembered(UBRN)).isFalse();
    }

    @Test
    void aReferralOnAListIsNeverForgottenHoweverLongAgoItWasLastTold() {
        rejectedAt(T1);
        run();
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());
        clock.advance(FORGET_AFTER.multipliedBy(3));

        assertThat(run().forgotten()).isZero();
        assertThat(remembered(UBRN)).isTrue();
        verify(followUps, never()).startFound(anyString(), anyString(), anyMap());
    }

    @Test
    void aReferralFoundInErsIsNotOfferedAgainWhenItComesBackOnAListLongAfterItLeftThem() {
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());
        lists.put(WorklistType.AWAITING_BOOKING, List.of(new WorklistItem(UBRN, ReferralStatus.NOT_BOOKED, null, T1, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "1", "NOT_BOOKED", List.of(), null));
        when(followUps.startFound(eq(ORG), eq(UBRN), anyMap())).thenReturn("found-1");
        assertThat(run().started()).isOne();
        // its follow-up ended; the referral was booked and left the lists
        lists.put(WorklistType.AWAITING_BOOKING, List.of());
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "2", "BOOKED", List.of(), null));
        when(followUps.everFollowed(ORG, UBRN)).thenReturn(true);
        run();

        // back on a list (the patient did not attend) after the time to live, its follow-up's history gone meanwhile:
        // the run that sees it listed again does not forget it, and it is not offered a second time
        clock.advance(FORGET_AFTER.plusDays(1));
        when(followUps.everFollowed(ORG, UBRN)).thenReturn(false);
        lists.put(WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA, List.of(new WorklistItem(UBRN, ReferralStatus.DID_NOT_ATTEND,
                null, T2, null)));
        when(ers.retrieveReferral(any(), eq(UBRN))).thenReturn(new ReferralState(UBRN, "3", "DID_NOT_ATTEND", List.of(), null));
        WorklistSync.Outcome back = run();

        assertThat(back.forgotten()).isZero();
        assertThat(back.started()).isZero();
        assertThat(remembered(UBRN)).isTrue();
        verify(followUps, times(1)).startFound(anyString(), anyString(), anyMap());
    }

    @Test
    void aRowOffTheListsWrittenBeforeItsDateWasKeptCountsFromTheFirstRunThatSeesIt() {
        jdbc.update("insert into worklist_sync_seen (organisation, ubrn, lists, told_mark, told_status, follow_up_started)"
                + " values (?, ?, '', 'x|', 'BOOKED', false)", ORG, UBRN);
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());

        assertThat(run().forgotten()).isZero();
        clock.advance(FORGET_AFTER.minusDays(1));
        assertThat(run().forgotten()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(run().forgotten()).isOne();
        verify(ers, never()).retrieveReferral(any(), any());
    }

    @Test
    void anotherOrganisationsRowIsNotForgottenByThisOnesRun() {
        jdbc.update("insert into worklist_sync_seen (organisation, ubrn, lists, told_mark, told_status, follow_up_started,"
                + " off_lists_since) values ('RXB', ?, '', 'x|', 'BOOKED', false, ?)", UBRN,
                java.sql.Timestamp.from(Instant.parse("2020-01-01T00:00:00Z")));
        when(followUps.running(ORG, UBRN)).thenReturn(Optional.empty());

        assertThat(run().forgotten()).isZero();
        assertThat(remembered(UBRN)).isTrue();
    }
}
