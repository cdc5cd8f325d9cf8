package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.ersreferral.process.delegate.DelegateTestSupport.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import org.ersreferral.ers.Cancellation;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** A036 {@link CancelReferralDelegate}: not an {@link ErsTaskDelegate}, so every failure stays an incident. */
class CancelReferralDelegateTest {

    static final String STEP = ReferralProcess.TASK_CANCEL_REFERRAL;

    final ErsClient ers = mock(ErsClient.class);

    @Test
    void cancelsAtTheCurrentVersionWithTheDefaultReasonAndACommentSayingWhy() {
        FakeScope scope = referral(STEP);
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "9", "BOOKED", List.of(DIRECT_SERVICE), DIRECT_SERVICE));
        when(ers.cancelReferral(any(), any())).thenReturn(new ReferralState(UBRN, "10", "CANCELLED_REFERRAL", List.of(DIRECT_SERVICE), null));

        new CancelReferralDelegate(ersSteps(ers)).execute(scope.execution());

        InOrder order = inOrder(ers);
        order.verify(ers).retrieveReferral(call(STEP), UBRN);
        order.verify(ers).cancelReferral(call(STEP), new Cancellation(UBRN, "9", "REFERRER_CANCELLATION",
                "Cancelled at the referrer's request"));
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.REFERRAL_STATUS.name())).isEqualTo("CANCELLED_REFERRAL");
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("10");
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("CANCELLED");
    }

    @Test
    void cancelsWithTheReasonAndCommentGiven() {
        FakeScope scope = referral(ReferralProcess.TASK_CANCEL_REJECTED_REFERRAL)
                .with(ReferralVariables.CANCELLATION_REASON.name(), "DUPLICATE_REFERRAL")
                .with(ReferralVariables.CANCELLATION_COMMENT.name(), "Raised twice by mistake");
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "2", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));
        when(ers.cancelReferral(any(), any())).thenReturn(new ReferralState(UBRN, "3", "CANCELLED_REFERRAL", List.of(DIRECT_SERVICE), null));

        new CancelReferralDelegate(ersSteps(ers)).execute(scope.execution());

        verify(ers).cancelReferral(call(ReferralProcess.TASK_CANCEL_REJECTED_REFERRAL),
                new Cancellation(UBRN, "2", "DUPLICATE_REFERRAL", "Raised twice by mistake"));
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("3");
    }

    @Test
    void aCoordinatorGivingUpAfterARejectionIsTheCommentWhenNoneWasGiven() {
        FakeScope scope = referral(ReferralProcess.TASK_CANCEL_REJECTED_REFERRAL);
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "4", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));
        when(ers.cancelReferral(any(), any())).thenReturn(new ReferralState(UBRN, "5", "CANCELLED_REFERRAL", List.of(DIRECT_SERVICE), null));

        new CancelReferralDelegate(ersSteps(ers)).execute(scope.execution());

        verify(ers).cancelReferral(call(ReferralProcess.TASK_CANCEL_REJECTED_REFERRAL), new Cancellation(UBRN, "4",
                "REFERRER_CANCELLATION", "Cancelled by the referral coordinator after e-RS refused a step of the referral"));
    }

    @Test
    void aReferralAlreadyCancelledIsNotCancelledAgain() {
        FakeScope scope = referral(STEP);
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "11", "CANCELLED_REFERRAL", List.of(DIRECT_SERVICE), null));

        new CancelReferralDelegate(ersSteps(ers)).execute(scope.execution());

        verify(ers).retrieveReferral(call(STEP), UBRN);
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.REFERRAL_STATUS.name())).isEqualTo("CANCELLED_REFERRAL");
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("11");
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("CANCELLED");
    }

    @Test
    void aRefusedCancellationStaysAnIncidentRatherThanABpmnError() {
        FakeScope scope = referral(STEP);
        ErsException.Rejected refused = new ErsException.Rejected("A036", 422, "Referral cannot be cancelled");
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "9", "BOOKED", List.of(DIRECT_SERVICE), DIRECT_SERVICE));
        when(ers.cancelReferral(any(), any())).thenThrow(refused);

        assertThat(catchThrowable(() -> new CancelReferralDelegate(ersSteps(ers)).execute(scope.execution())))
                .isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasCause(refused).hasMessageStartingWith(refused.operationId());
        assertNoProblemRecorded(scope);
        assertThat(scope.variables).doesNotContainKeys(ReferralVariables.OUTCOME.name(), ReferralVariables.REFERRAL_STATUS.name());
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("4");
    }

    @Test
    void anExpiredTokenAlsoStaysAnIncident() {
        FakeScope scope = referral(STEP);
        ErsException.Unauthorised expired = new ErsException.Unauthorised("A005", "Access token expired");
        when(ers.retrieveReferral(any(), any())).thenThrow(expired);

        assertThat(catchThrowable(() -> new CancelReferralDelegate(ersSteps(ers)).execute(scope.execution())))
                .isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasCause(expired).hasMessageStartingWith(expired.operationId());
        assertNoProblemRecorded(scope);
    }
}
