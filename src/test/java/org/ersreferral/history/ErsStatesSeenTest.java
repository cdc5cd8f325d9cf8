package org.ersreferral.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ersreferral.process.FakeScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The recorder on its own: what a row holds, and which states it does not record twice. */
class ErsStatesSeenTest {

    private final List<ErsStateRecord> saved = new ArrayList<>();
    private final ErsStateRecordRepository records = mock(ErsStateRecordRepository.class);
    private final ErsStatesSeen recorder = new ErsStatesSeen(records);

    @BeforeEach
    void repositoryInMemory() {
        when(records.save(any())).thenAnswer(invocation -> {
            saved.add(invocation.getArgument(0));
            return invocation.getArgument(0);
        });
        when(records.findByProcessInstanceIdOrderBySeenAtAscIdAsc(anyString())).thenAnswer(invocation ->
                saved.stream().filter(row -> row.getProcessInstanceId().equals(invocation.getArgument(0))).toList());
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-02T10:15:00Z")));
    }

    @AfterEach
    void engineClockBack() {
        ClockUtil.reset();
    }

    @Test
    void recordsTheStateItsReasonCommentsWorklistServiceAndWhereAtEngineTime() {
        recorder.record(execution("Event_ReferralChanged", "REJECTED", "2026-11-01T09:00:00Z")
                .with("ersStatusReason", "CLINICAL_DECISION").with("ersStatusReasonDisplay", "Clinical decision")
                .with("ersStatusComments", "Seen privately; please refer to dermatology instead.")
                .with("ersWorklist", "REJECTED_TRIAGE_RESPONSE").with("bookServiceId", "11002").executionIn("R69"));

        assertThat(saved).singleElement().satisfies(row -> {
            assertThat(row.getProcessInstanceId()).isEqualTo("follow-up-1");
            assertThat(row.getBusinessKey()).isEqualTo("req-1");
            assertThat(row.getOrganisation()).isEqualTo("R69");
            assertThat(row.getUbrn()).isEqualTo("000000070001");
            assertThat(row.getSeenAt()).isEqualTo(Instant.parse("2026-11-02T10:15:00Z"));
            assertThat(row.getStatus()).isEqualTo("REJECTED");
            assertThat(row.getReasonCode()).isEqualTo("CLINICAL_DECISION");
            assertThat(row.getReasonDisplay()).isEqualTo("Clinical decision");
            assertThat(row.getComments()).isEqualTo("Seen privately; please refer to dermatology instead.");
            assertThat(row.getLastUpdated()).isEqualTo("2026-11-01T09:00:00Z");
            assertThat(row.getWorklist()).isEqualTo("REJECTED_TRIAGE_RESPONSE");
            assertThat(row.getServiceId()).isEqualTo("11002");
            assertThat(row.getSeenBy()).isEqualTo("Event_ReferralChanged");
        });
    }

    @Test
    void aRepeatedMessageOrRetriedJobWithTheSameStateAndLastUpdatedAddsNoRow() {
        recorder.record(execution("Event_ReferralChanged", "REJECTED", "2026-11-01T09:00:00Z").executionIn("R69"));
        recorder.record(execution("Event_ReferralChanged", "REJECTED", "2026-11-01T09:00:00Z").executionIn("R69"));
        recorder.record(execution("Task_ReadErsState", "REJECTED", "2026-11-01T09:00:00Z").executionIn("R69"));
        assertThat(saved).hasSize(1);

        // The same state again, but a new version of the referral in e-RS: it went there again.
        recorder.record(execution("Event_ReferralChanged", "REJECTED", "2026-11-03T09:00:00Z").executionIn("R69"));
        // Another instance's same state is its own.
        Recorded other = execution("Event_ReferralChanged", "REJECTED", "2026-11-01T09:00:00Z");
        other.processInstanceId = "follow-up-2";
        recorder.record(other.executionIn("R69"));

        assertThat(saved).extracting(ErsStateRecord::getProcessInstanceId, ErsStateRecord::getLastUpdated).containsExactly(
                org.assertj.core.groups.Tuple.tuple("follow-up-1", "2026-11-01T09:00:00Z"),
                org.assertj.core.groups.Tuple.tuple("follow-up-1", "2026-11-03T09:00:00Z"),
                org.assertj.core.groups.Tuple.tuple("follow-up-2", "2026-11-01T09:00:00Z"));
    }

    @Test
    void withoutLastUpdatedOnlyTheSameStateAsTheLastIsARepeat() {
        recorder.record(execution(null, "NOT_BOOKED", null).executionIn("R69"));
        recorder.record(execution(null, "NOT_BOOKED", null).executionIn("R69"));
        recorder.record(execution("Task_ReadErsState", "BOOKED", null).executionIn("R69"));
        recorder.record(execution("Task_ReadErsState", "NOT_BOOKED", null).executionIn("R69"));

        assertThat(saved).extracting(ErsStateRecord::getStatus).containsExactly("NOT_BOOKED", "BOOKED", "NOT_BOOKED");
        // A listener on the process itself has no current element.
        assertThat(saved.get(0).getSeenBy()).isEqualTo(ErsStatesSeen.PROCESS_START);
    }

    @Test
    void recordsNothingWhileNoStateIsKnownAndCutsOverlongText() {
        recorder.record(execution("Event_ReferralChanged", null, null).executionIn("R69"));
        assertThat(saved).isEmpty();

        recorder.record(execution("Event_ReferralChanged", "TRIAGE_RESPONSE", null)
                .with("ersStatusComments", "x".repeat(ErsStateRecord.MAX_COMMENTS + 5))
                .with("shortlist", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[\"50001\"]").create())
                .executionIn("R69"));
        assertThat(saved).singleElement().satisfies(row -> {
            assertThat(row.getComments()).hasSize(ErsStateRecord.MAX_COMMENTS);
            assertThat(row.getServiceId()).isEqualTo("50001");
        });
    }

    @Test
    void latestStateOfEachReferralIsOnlyItsOwnOrganisations() {
        recorder.record(execution(null, "BOOKED", null).executionIn("R69"));
        recorder.record(execution("Event_ReferralChanged", "APPT_CANCELLED_BY_PATIENT", "2026-11-04T08:00:00Z").executionIn("R69"));
        when(records.findByBusinessKeyInOrderBySeenAtAscIdAsc(any())).thenReturn(saved);

        assertThat(recorder.latestOf(Map.of("req-1", "R69"))).containsOnlyKeys("req-1")
                .extractingByKey("req-1").satisfies(latest -> {
                    assertThat(latest.status()).isEqualTo("APPT_CANCELLED_BY_PATIENT");
                    assertThat(latest.words()).isEqualTo("appointment cancelled by the patient");
                });
        // The same request id in another organisation is another referral.
        assertThat(recorder.latestOf(Map.of("req-1", "RXB"))).isEmpty();
    }

    private static Recorded execution(String activityId, String status, String lastUpdated) {
        Recorded scope = new Recorded();
        scope.activityId = activityId;
        scope.processInstanceId = "follow-up-1";
        scope.businessKey = "req-1";
        scope.with("ubrn", "000000070001");
        if (status != null) {
            scope.with("ersStatus", status);
        }
        if (lastUpdated != null) {
            scope.with("ersLastUpdated", lastUpdated);
        }
        return scope;
    }

    /** A fake scope whose execution belongs to an organisation (tenant). */
    private static final class Recorded {
        private final FakeScope scope = new FakeScope();
        String activityId;
        String processInstanceId;
        String businessKey;

        Recorded with(String name, Object value) {
            scope.with(name, value);
            return this;
        }

        DelegateExecution executionIn(String tenantId) {
            scope.activityId = activityId;
            scope.processInstanceId = processInstanceId;
            scope.businessKey = businessKey;
            DelegateExecution execution = scope.execution();
            doReturn(tenantId).when(execution).getTenantId();
            return execution;
        }
    }
}
