package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ersreferral.process.delegate.DelegateTestSupport.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.ers.ServiceSearch;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.ersreferral.process.step.InMemoryErsRequestJournal;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.Test;

/** A011 {@link CreateReferralDelegate} and A021 {@link CreateReferralAndSendForTriageDelegate}. */
class CreateReferralDelegateTest {

    final ErsClient ers = mock(ErsClient.class);
    final TestClock clock = TestClock.at(Instant.parse("2026-11-30T09:00:00Z"));
    final ErsSteps steps = ErsSteps.of(ers, new InMemoryErsRequestJournal(clock), properties(20, 3), RECONCILE_AFTER, clock);

    static FakeScope chosen(String step) {
        return new FakeScope().activity(step)
                .with(ReferralVariables.NHS_NUMBER.name(), NHS_NUMBER)
                .with(ReferralVariables.PRIORITY.name(), "URGENT")
                .with(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY")
                .with(ReferralVariables.CLINIC_TYPE.name(), "HEART_FAILURE")
                .with(ReferralVariables.CLINICAL_TERM.name(), null)
                .with(ReferralVariables.NAMED_CLINICIAN.name(), " ")
                .with(ReferralVariables.POSTCODE.name(), "LS1 4HR")
                .with(ReferralVariables.UBRN.name(), null)
                .with(ReferralVariables.SHORTLIST.name(), SpinValues.jsonValue("[\"11002\",\"11003\"]").create());
    }

    static final NewReferral EXPECTED = new NewReferral(NHS_NUMBER,
            new ServiceSearch(NHS_NUMBER, "URGENT", "CARDIOLOGY", "HEART_FAILURE", null, null, "LS1 4HR"),
            java.util.List.of(DIRECT_SERVICE, INDIRECT_SERVICE), true);

    @Test
    void createsTheReferralWithPatientSearchAndShortlistAndKeepsUbrnAndVersion() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL);
        when(ers.createReferral(any(), any())).thenReturn(new ReferralCreated(UBRN, "1"));

        new CreateReferralDelegate(ersSteps(ers)).execute(scope.execution());

        verify(ers).createReferral(call(ReferralProcess.TASK_CREATE_REFERRAL), EXPECTED);
        verifyNoMoreInteractions(ers);
        assertThat(EXPECTED.searchCriteria().ageAndGenderAppropriate()).isTrue();
        assertThat(EXPECTED.firstReminderLetterFollowUpDays()).isZero();
        assertThat(scope.value(ReferralVariables.UBRN.name())).isEqualTo(UBRN);
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("1");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());
    }

    @Test
    void aReferralWithAUbrnIsNeverCreatedAgain() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL).with(ReferralVariables.UBRN.name(), UBRN)
                .with(ReferralVariables.REFERRAL_VERSION.name(), "2");

        new CreateReferralDelegate(ersSteps(ers)).execute(scope.execution());

        verifyNoInteractions(ers);
        assertThat(scope.value(ReferralVariables.UBRN.name())).isEqualTo(UBRN);
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("2");
    }

    @Test
    void createAndSendUsesA021AndRecordsTheReferralAsSentForTriage() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE);
        when(ers.createReferralAndSendForTriage(any(), any())).thenReturn(new ReferralCreated("000000070002", "3"));

        new CreateReferralAndSendForTriageDelegate(ersSteps(ers)).execute(scope.execution());

        verify(ers).createReferralAndSendForTriage(call(ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE), EXPECTED);
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.UBRN.name())).isEqualTo("000000070002");
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("3");
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("SENT_FOR_TRIAGE");
    }

    @Test
    void createAndSendWithAUbrnIsSkippedAndLeavesTheOutcomeAlone() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE).with(ReferralVariables.UBRN.name(), UBRN);

        new CreateReferralAndSendForTriageDelegate(ersSteps(ers)).execute(scope.execution());

        verifyNoInteractions(ers);
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());
    }

    @Test
    void noAnswerToTheCreateGoesToACoordinatorToReconcileOnceErsHadTimeToMakeIt() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL);
        when(ers.createReferral(any(), any()))
                .thenThrow(new ErsException.OutcomeUnknown("A011", "Read timed out", new IOException("Read timed out")));
        CreateReferralDelegate create = new CreateReferralDelegate(steps);

        // e-RS may still be making it: the step comes back after the wait, and nobody looks before
        Throwable noAnswer = catchThrowable(() -> create.execute(scope.execution()));
        assertThat(noAnswer.getCause()).isInstanceOf(ErsException.ReconcileLater.class);
        assertThat(((ErsException.ReconcileLater) noAnswer.getCause()).retryAfterSeconds()).isEqualTo(RECONCILE_AFTER.toSeconds());
        clock.advance(RECONCILE_AFTER.minusSeconds(1));
        assertThat(catchThrowable(() -> create.execute(scope.execution())).getCause()).isInstanceOf(ErsException.ReconcileLater.class);
        clock.advance(java.time.Duration.ofSeconds(1));

        BpmnError error = catchThrowableOfType(() -> create.execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_OUTCOME_UNKNOWN", "A011 gave no answer: An earlier A011 request got no answer;"
                + " check whether e-RS created the referral before creating it again");
        assertThat(scope.value(ReferralVariables.UBRN.name())).isNull();
        verify(ers).createReferral(any(), any());
        verifyNoMoreInteractions(ers);
    }

    @Test
    void noAnswerToCreateAndSendGoesToACoordinatorToReconcileAfterTheWait() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE);
        when(ers.createReferralAndSendForTriage(any(), any()))
                .thenThrow(new ErsException.OutcomeUnknown("A021", null, null));
        CreateReferralAndSendForTriageDelegate create = new CreateReferralAndSendForTriageDelegate(steps);
        assertThat(catchThrowable(() -> create.execute(scope.execution())).getCause()).isInstanceOf(ErsException.ReconcileLater.class);
        clock.advance(RECONCILE_AFTER);

        BpmnError error = catchThrowableOfType(() -> create.execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_OUTCOME_UNKNOWN", "A021 gave no answer: An earlier A021 request got no answer;"
                + " check whether e-RS created the referral before creating it again");
        verify(ers).createReferralAndSendForTriage(any(), any());
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());
    }

    @Test
    void aRejectedCreateIsRecordedForTheCoordinator() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL);
        when(ers.createReferral(any(), any())).thenThrow(new ErsException.Rejected("A011", 422,
                "REFERRAL_SHORTLIST_INVALID: Service 11003 is not available to this patient"));

        BpmnError error = catchThrowableOfType(() -> new CreateReferralDelegate(ersSteps(ers)).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED",
                "A011 answered 422: REFERRAL_SHORTLIST_INVALID: Service 11003 is not available to this patient");
        assertThat(scope.value(ReferralVariables.UBRN.name())).isNull();
    }

    @Test
    void anExpiredTokenIsRecordedForSigningInAgain() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL);
        when(ers.createReferral(any(), any())).thenThrow(new ErsException.Unauthorised("A011", "Invalid Access Token"));

        BpmnError error = catchThrowableOfType(() -> new CreateReferralDelegate(ersSteps(ers)).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_UNAUTHORISED", "A011 answered 401: Invalid Access Token");
    }

    @Test
    void aServerErrorPropagatesSoTheJobIsRetried() {
        FakeScope scope = chosen(ReferralProcess.TASK_CREATE_REFERRAL);
        ErsException.Unavailable failure = new ErsException.Unavailable("A011", 503, "Service Unavailable", null);
        when(ers.createReferral(any(), any())).thenThrow(failure);

        Throwable thrown = catchThrowable(() -> new CreateReferralDelegate(ersSteps(ers)).execute(scope.execution()));

        assertThat(thrown).isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasCause(failure)
                .hasMessageStartingWith(failure.operationId());
        assertNoProblemRecorded(scope);
        assertThat(scope.value(ReferralVariables.UBRN.name())).isNull();
    }
}
