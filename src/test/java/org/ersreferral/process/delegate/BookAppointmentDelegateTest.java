package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ersreferral.process.delegate.DelegateTestSupport.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.ers.Slot;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.ersreferral.process.step.InMemoryErsRequestJournal;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class BookAppointmentDelegateTest {

    static final String STEP = ReferralProcess.TASK_BOOK_APPOINTMENT;
    static final OffsetDateTime START = OffsetDateTime.parse("2026-12-01T09:30Z");
    static final OffsetDateTime END = OffsetDateTime.parse("2026-12-01T09:45Z");

    final ErsClient ers = mock(ErsClient.class);
    final TestClock clock = TestClock.at(Instant.parse("2026-11-30T09:00:00Z"));
    final ErsSteps steps = ErsSteps.of(ers, new InMemoryErsRequestJournal(clock), properties(20, 3), RECONCILE_AFTER, clock);

    /** A slot chosen from the list {@link RetrieveSlotsDelegate} offered. */
    static FakeScope slotChosen(String slotId) {
        FakeScope scope = referral(STEP)
                .with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE)
                .with(ReferralVariables.SLOT_ID.name(), slotId);
        ReferralVariables.of(scope.execution()).set(ReferralVariables.SLOTS, List.of(
                TaskLabels.slot(new Slot("slot-1", START.minusDays(1), END.minusDays(1), "Clinic A", null)),
                TaskLabels.slot(new Slot("slot-2", START, END, "Clinic B", "910000000001"))));
        return scope;
    }

    @Test
    void booksTheChosenSlotAndRecordsTheAppointment() {
        FakeScope scope = slotChosen("slot-2");
        when(ers.bookOrDefer(any(), any())).thenReturn(new AppointmentResult("appointment-9", "booked"));

        new BookAppointmentDelegate(steps).execute(scope.execution());

        ArgumentCaptor<AppointmentRequest> request = ArgumentCaptor.forClass(AppointmentRequest.class);
        verify(ers).bookOrDefer(org.mockito.ArgumentMatchers.eq(call(STEP)), request.capture());
        assertThat(request.getValue().kind()).isEqualTo(AppointmentRequest.Kind.BOOK);
        assertThat(request.getValue().ubrn()).isEqualTo(UBRN);
        assertThat(request.getValue().referralVersion()).isEqualTo("4");
        assertThat(request.getValue().serviceId()).isEqualTo(DIRECT_SERVICE);
        assertThat(request.getValue().nhsNumber()).isEqualTo(NHS_NUMBER);
        assertThat(request.getValue().slotId()).isEqualTo("slot-2");
        assertThat(request.getValue().start()).isEqualTo(START);
        assertThat(request.getValue().end()).isEqualTo(END);
        assertThat(request.getValue().comment()).isNull();
        assertThat(scope.value(ReferralVariables.APPOINTMENT_ID.name())).isEqualTo("appointment-9");
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("BOOKED");
        verifyNoMoreInteractions(ers);
    }

    @Test
    void aSlotWithANamedClinicianIsBookedWithThatClinician() {
        FakeScope scope = slotChosen("slot-2");
        when(ers.bookOrDefer(any(), any())).thenReturn(new AppointmentResult("appointment-9", "booked"));

        new BookAppointmentDelegate(steps).execute(scope.execution());

        ArgumentCaptor<AppointmentRequest> request = ArgumentCaptor.forClass(AppointmentRequest.class);
        verify(ers).bookOrDefer(any(), request.capture());
        assertThat(request.getValue().clinician()).isEqualTo("910000000001");
    }

    @Test
    void aBookingWithoutAKnownVersionReadsTheCurrentVersionFirst() {
        FakeScope scope = slotChosen("slot-2").with(ReferralVariables.REFERRAL_VERSION.name(), null);
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "6", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));
        when(ers.bookOrDefer(any(), any())).thenReturn(new AppointmentResult("appointment-9", "booked"));

        new BookAppointmentDelegate(steps).execute(scope.execution());

        ArgumentCaptor<AppointmentRequest> request = ArgumentCaptor.forClass(AppointmentRequest.class);
        verify(ers).bookOrDefer(any(), request.capture());
        assertThat(request.getValue().referralVersion()).isEqualTo("6");
    }

    @Test
    void aSlotThatWasNotOfferedIsNotBooked() {
        FakeScope scope = slotChosen("slot-9");

        assertThatThrownBy(() -> new BookAppointmentDelegate(steps).execute(scope.execution()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Slot slot-9 is not among the slots offered");
        verifyNoInteractions(ers);
    }

    @Test
    void aSlotTakenMeanwhileDefersWithSlotNotAvailable() {
        FakeScope scope = slotChosen("slot-2");
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Conflict("A016", 409, "Slot is no longer available"));
        // Read after the conflict: not booked, at the version sent, so it was not our own booking nor a stale version.
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "4", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));

        BpmnError error = catchThrowableOfType(() -> new BookAppointmentDelegate(steps).execute(scope.execution()), BpmnError.class);

        assertThat(error.getErrorCode()).isEqualTo("SLOT_GONE");
        assertThat(error.getMessage()).isEqualTo("Slot is no longer available");
        assertThat(scope.value(ReferralVariables.DEFERRAL_REASON.name())).isEqualTo("SLOT_NOT_AVAILABLE");
        assertThat(scope.variables).doesNotContainKeys(ReferralVariables.OUTCOME.name(), ReferralVariables.APPOINTMENT_ID.name());
        assertNoProblemRecorded(scope);
    }

    @Test
    void aProviderSystemFailureDefersWithBookingAttemptProblem() {
        FakeScope scope = slotChosen("slot-2");
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.ProviderUnavailable("A016", 504, "Provider system timed out"));

        BpmnError error = catchThrowableOfType(() -> new BookAppointmentDelegate(steps).execute(scope.execution()), BpmnError.class);

        assertThat(error.getErrorCode()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(error.getMessage()).isEqualTo("Provider system timed out");
        assertThat(scope.value(ReferralVariables.DEFERRAL_REASON.name())).isEqualTo("BOOKING_ATTEMPT_PROBLEM");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());
        assertNoProblemRecorded(scope);
    }

    @Test
    void noAnswerIsCheckedAfterTheWaitAndABookingErsShowsIsASuccessWithoutBookingAgain() {
        FakeScope scope = slotChosen("slot-2");
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.OutcomeUnknown("A016", "Read timed out", new SocketTimeoutException()));
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "5", "BOOKED", List.of(DIRECT_SERVICE), DIRECT_SERVICE));

        Throwable timedOut = catchThrowable(() -> new BookAppointmentDelegate(steps).execute(scope.execution()));
        assertThat(timedOut).isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasMessageStartingWith("A016 gave no answer");
        assertThat(timedOut.getCause()).isInstanceOf(ErsException.ReconcileLater.class);
        verify(ers).bookOrDefer(any(), any());
        verifyNoMoreInteractions(ers);
        clock.advance(RECONCILE_AFTER);

        new BookAppointmentDelegate(steps).execute(scope.execution());

        verify(ers).bookOrDefer(any(), any());
        verify(ers).retrieveReferral(call(STEP), UBRN);
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("BOOKED");
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("5");
        assertNoProblemRecorded(scope);
    }

    @Test
    void noAnswerAndErsShowsTheReferralNotBookedBooksAgainOnlyAfterTheWait() {
        FakeScope scope = slotChosen("slot-2");
        ErsException.OutcomeUnknown noAnswer = new ErsException.OutcomeUnknown("A016", "Read timed out", null);
        when(ers.bookOrDefer(any(), any())).thenThrow(noAnswer).thenReturn(new AppointmentResult("appointment-9", "booked"));
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "4", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));

        Throwable thrown = catchThrowable(() -> new BookAppointmentDelegate(steps).execute(scope.execution()));

        assertThat(thrown).isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasMessageStartingWith("A016 gave no answer: Read timed out")
                .hasRootCause(noAnswer);
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("4");
        assertNoProblemRecorded(scope);

        // Back too early (another node, a coordinator): nothing is sent or read before the wait is over.
        clock.advance(RECONCILE_AFTER.minusSeconds(20));
        Throwable early = catchThrowable(() -> new BookAppointmentDelegate(steps).execute(scope.execution()));
        assertThat(early.getCause()).isInstanceOf(ErsException.ReconcileLater.class);
        assertThat(((ErsException.ReconcileLater) early.getCause()).retryAfterSeconds()).isEqualTo(20);
        verify(ers).bookOrDefer(any(), any());
        verifyNoMoreInteractions(ers);

        clock.advance(Duration.ofSeconds(20));
        new BookAppointmentDelegate(steps).execute(scope.execution());

        verify(ers).retrieveReferral(call(STEP), UBRN);
        verify(ers, times(2)).bookOrDefer(any(), any());
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.APPOINTMENT_ID.name())).isEqualTo("appointment-9");
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("BOOKED");
    }

    @Test
    void aRejectedBookingGoesToACoordinator() {
        FakeScope scope = slotChosen("slot-2");
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Rejected("A016", 422, "Referral is not in a bookable state"));

        BpmnError error = catchThrowableOfType(() -> new BookAppointmentDelegate(steps).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A016 answered 422: Referral is not in a bookable state");
        assertThat(scope.variables).doesNotContainKeys(ReferralVariables.OUTCOME.name(), ReferralVariables.DEFERRAL_REASON.name());
    }

    @Test
    void anExpiredTokenGoesToSigningInAgain() {
        FakeScope scope = slotChosen("slot-2");
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Unauthorised("A016", "Access token expired"));

        BpmnError error = catchThrowableOfType(() -> new BookAppointmentDelegate(steps).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_UNAUTHORISED", "A016 answered 401: Access token expired");
    }
}
