package org.ersreferral.process.delegate;

import java.time.Instant;
import org.ersreferral.ers.ReferralState;
import static org.mockito.Mockito.times;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ersreferral.process.delegate.DelegateTestSupport.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.Slot;
import org.ersreferral.ers.SlotPage;
import org.ersreferral.ers.SlotQuery;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.SlotOption;
import org.ersreferral.process.step.ErsSteps;
import org.ersreferral.process.step.InMemoryErsRequestJournal;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A015 {@link RetrieveSlotsDelegate} and the A016 deferral {@link DeferToProviderDelegate}. */
class SlotDelegatesTest {

    static final String SLOTS_STEP = ReferralProcess.TASK_RETRIEVE_SLOTS;
    static final String DEFER_STEP = ReferralProcess.TASK_DEFER_TO_PROVIDER;

    final ErsClient ers = mock(ErsClient.class);
    final TestClock clock = TestClock.at(Instant.parse("2026-11-30T09:00:00Z"));
    final ErsSteps steps = ErsSteps.of(ers, new InMemoryErsRequestJournal(clock), properties(20, 3), RECONCILE_AFTER, clock);

    static Slot slot(String id, String start, String clinic, String clinician) {
        OffsetDateTime at = OffsetDateTime.parse(start);
        return new Slot(id, at, at.plusMinutes(15), clinic, clinician);
    }

    static FakeScope booking() {
        return referral(SLOTS_STEP).with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
    }

    /** Booking at a service the search found, with its name and location. */
    static FakeScope bookingAtAFoundService() {
        return booking().with(ReferralVariables.SERVICES.name(), SpinValues.jsonValue("[{\"value\": \"" + DIRECT_SERVICE
                + "\", \"label\": \"Heart Clinic · directly bookable\", \"name\": \"Heart Clinic\", \"location\": \"St Mary's Hospital\"}]").create());
    }

    static SlotQuery page(int page) {
        return new SlotQuery(DIRECT_SERVICE, "URGENT", 2, page);
    }

    @Test
    void offersTheSlotsAsJsonOptionsTheFormBindsTo() {
        FakeScope scope = booking();
        when(ers.retrieveSlots(any(), any())).thenReturn(new SlotPage(List.of(
                slot("slot-1", "2026-12-01T09:30Z", "Heart Clinic", "Dr Jones"),
                slot("slot-2", "2026-12-02T14:05+01:00", null, null)), false));

        new RetrieveSlotsDelegate(ersSteps(ers, properties(2, 3))).execute(scope.execution());

        verify(ers).retrieveSlots(call(SLOTS_STEP), page(1));
        verifyNoMoreInteractions(ers);
        assertThat(scope.stored(ReferralVariables.SLOTS.name())).isInstanceOf(JsonValue.class);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("value", "slot-1");
        first.put("label", "Tue 1 Dec 2026, 09:30 · Heart Clinic · named clinician (SDS user ID Dr Jones)");
        first.put("start", "2026-12-01T09:30Z");
        first.put("end", "2026-12-01T09:45Z");
        first.put("clinic", "Heart Clinic");
        first.put("clinician", "Dr Jones");
        first.put("location", null);
        first.put("clinicianName", null);
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("value", "slot-2");
        second.put("label", "Wed 2 Dec 2026, 13:05 · no named clinician");
        second.put("start", "2026-12-02T14:05+01:00");
        second.put("end", "2026-12-02T14:20+01:00");
        second.put("clinic", null);
        second.put("clinician", null);
        second.put("location", null);
        second.put("clinicianName", null);
        assertThat(scope.jsonObjects(ReferralVariables.SLOTS.name())).containsExactly(first, second);
        assertThat(scope.value(ReferralVariables.SLOT_COUNT.name())).isEqualTo(2);
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.DEFERRAL_REASON.name());
    }

    @Test
    void readsFurtherPagesUpToTheConfiguredMaximum() {
        FakeScope scope = booking();
        when(ers.retrieveSlots(any(), any())).thenAnswer(invocation -> {
            int page = invocation.<SlotQuery>getArgument(1).page();
            return new SlotPage(List.of(slot("slot-" + page + "a", "2026-12-0" + page + "T09:00Z", null, null),
                    slot("slot-" + page + "b", "2026-12-0" + page + "T10:00Z", null, null)), true);
        });

        new RetrieveSlotsDelegate(ersSteps(ers, properties(2, 3))).execute(scope.execution());

        verify(ers).retrieveSlots(call(SLOTS_STEP), page(1));
        verify(ers).retrieveSlots(call(SLOTS_STEP), page(2));
        verify(ers).retrieveSlots(call(SLOTS_STEP), page(3));
        verifyNoMoreInteractions(ers);
        assertThat(ReferralVariables.of(scope.execution()).get(ReferralVariables.SLOTS))
                .extracting(SlotOption::value)
                .containsExactly("slot-1a", "slot-1b", "slot-2a", "slot-2b", "slot-3a", "slot-3b");
        assertThat(scope.value(ReferralVariables.SLOT_COUNT.name())).isEqualTo(6);
    }

    @Test
    void stopsAtTheLastPage() {
        FakeScope scope = booking();
        when(ers.retrieveSlots(any(), any()))
                .thenReturn(new SlotPage(List.of(slot("slot-1", "2026-12-01T09:00Z", null, null)), true))
                .thenReturn(new SlotPage(List.of(), false));

        new RetrieveSlotsDelegate(ersSteps(ers, properties(2, 10))).execute(scope.execution());

        verify(ers).retrieveSlots(call(SLOTS_STEP), page(1));
        verify(ers).retrieveSlots(call(SLOTS_STEP), page(2));
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.SLOT_COUNT.name())).isEqualTo(1);
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.DEFERRAL_REASON.name());
    }

    @Test
    void aSlotGivenInUtcIsLabelledInUkLocalTime() {
        SlotOption option = TaskLabels.slot(slot("slot-1", "2026-06-01T08:30Z", null, null));

        assertThat(option.label()).isEqualTo("Mon 1 Jun 2026, 09:30 · no named clinician");
    }

    @Test
    void aSlotSaysDateTimeClinicLocationAndClinicianInWords() {
        FakeScope scope = bookingAtAFoundService();
        OffsetDateTime at = OffsetDateTime.parse("2026-12-01T09:30Z");
        when(ers.retrieveSlots(any(), any())).thenReturn(new SlotPage(List.of(
                new Slot("slot-1", at, at.plusMinutes(15), "11008-021600556514", "021600556514", "Dr Amelia Forthright")), false));

        new RetrieveSlotsDelegate(ersSteps(ers, properties(2, 3))).execute(scope.execution());

        SlotOption option = ReferralVariables.of(scope.execution()).get(ReferralVariables.SLOTS).get(0);
        assertThat(option.label()).isEqualTo("Tue 1 Dec 2026, 09:30 · Heart Clinic, St Mary's Hospital · Dr Amelia Forthright");
        assertThat(option.clinician()).as("what the booking sends").isEqualTo("021600556514");
        assertThat(option.location()).isEqualTo("St Mary's Hospital");
    }

    @Test
    void noFreeSlotMeansDeferringForNoSlotsAtTheService() {
        FakeScope scope = booking();
        when(ers.retrieveSlots(any(), any())).thenReturn(new SlotPage(List.of(), false));

        new RetrieveSlotsDelegate(ersSteps(ers, properties(2, 3))).execute(scope.execution());

        assertThat(ReferralVariables.of(scope.execution()).get(ReferralVariables.SLOTS)).isEmpty();
        assertThat(scope.value(ReferralVariables.SLOT_COUNT.name())).isEqualTo(0);
        assertThat(scope.value(ReferralVariables.DEFERRAL_REASON.name())).isEqualTo("NO_SLOTS_AT_SERVICE");
    }

    @Test
    void aRefusedSlotSearchGoesToACoordinator() {
        FakeScope scope = booking();
        when(ers.retrieveSlots(any(), any())).thenThrow(new ErsException.Rejected("A015", 403, "Service is not directly bookable"));

        BpmnError error = catchThrowableOfType(
                () -> new RetrieveSlotsDelegate(ersSteps(ers, properties(2, 3))).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A015 answered 403: Service is not directly bookable");
        assertThat(scope.variables).doesNotContainKeys(ReferralVariables.SLOTS.name(), ReferralVariables.SLOT_COUNT.name());
    }

    @ParameterizedTest(name = "deferralReason {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "null, DEFER_NO_SLOTS, null",
            "NO_SLOTS_AT_SERVICE, DEFER_NO_SLOTS, null",
            "SLOT_NOT_AVAILABLE, DEFER_SLOT_NOT_AVAILABLE, slot-2",
            "BOOKING_ATTEMPT_PROBLEM, DEFER_BOOKING_ATTEMPT_PROBLEM, null"})
    void defersForTheRecordedReasonNamingTheSlotOnlyWhenItWasTaken(String reason, AppointmentRequest.Kind kind, String slotId) {
        FakeScope scope = referral(DEFER_STEP)
                .with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE)
                .with(ReferralVariables.SLOT_ID.name(), "slot-2")
                .with(ReferralVariables.DEFERRAL_REASON.name(), reason);
        when(ers.bookOrDefer(any(), any())).thenReturn(new AppointmentResult("appointment-3", "proposed"));

        new DeferToProviderDelegate(ersSteps(ers)).execute(scope.execution());

        verify(ers).bookOrDefer(call(DEFER_STEP), new AppointmentRequest(kind, UBRN, "4", DIRECT_SERVICE, NHS_NUMBER,
                slotId, null, null, null));
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.APPOINTMENT_ID.name())).isEqualTo("appointment-3");
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("DEFERRED_TO_PROVIDER");
    }

    @Test
    void aRefusedDeferralGoesToACoordinator() {
        FakeScope scope = referral(DEFER_STEP).with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE)
                .with(ReferralVariables.DEFERRAL_REASON.name(), "NO_SLOTS_AT_SERVICE");
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Rejected("A016", 422, "Service does not accept deferrals"));

        BpmnError error = catchThrowableOfType(() -> new DeferToProviderDelegate(ersSteps(ers)).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A016 answered 422: Service does not accept deferrals");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());
    }

    @Test
    void noAnswerToADeferralThatErsDoesNotShowIsRetriedByTheJob() {
        FakeScope scope = referral(DEFER_STEP).with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        ErsException.OutcomeUnknown noAnswer = new ErsException.OutcomeUnknown("A016", "Read timed out", null);
        when(ers.bookOrDefer(any(), any())).thenThrow(noAnswer);
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "4", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));

        DeferToProviderDelegate delegate = new DeferToProviderDelegate(steps);

        Throwable thrown = catchThrowable(() -> delegate.execute(scope.execution()));

        assertThat(thrown).isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasRootCause(noAnswer);
        assertThat(thrown.getCause()).isInstanceOf(ErsException.ReconcileLater.class);
        assertNoProblemRecorded(scope);
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());

        // After the wait e-RS is read; it shows no deferral, so the deferral is sent again, which again gets no answer.
        clock.advance(RECONCILE_AFTER);
        assertThat(catchThrowable(() -> delegate.execute(scope.execution()))).isInstanceOf(ErsTaskDelegate.ErsCallFailed.class)
                .hasRootCause(noAnswer);
        verify(ers).retrieveReferral(call(DEFER_STEP), UBRN);
        verify(ers, times(2)).bookOrDefer(any(), any());
        verifyNoMoreInteractions(ers);
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.OUTCOME.name());
    }

    @Test
    void noAnswerToADeferralThatErsAlreadyShowsIsNotSentAgain() {
        FakeScope scope = referral(DEFER_STEP).with(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.OutcomeUnknown("A016", "Read timed out", null));
        when(ers.retrieveReferral(any(), any()))
                .thenReturn(new ReferralState(UBRN, "5", "DEFERRED_TO_PROVIDER", List.of(DIRECT_SERVICE), DIRECT_SERVICE));
        DeferToProviderDelegate delegate = new DeferToProviderDelegate(steps);

        assertThat(catchThrowable(() -> delegate.execute(scope.execution()))).isInstanceOf(ErsTaskDelegate.ErsCallFailed.class);
        clock.advance(RECONCILE_AFTER);
        delegate.execute(scope.execution());

        verify(ers, times(1)).bookOrDefer(any(), any());
        verify(ers, times(1)).retrieveReferral(call(DEFER_STEP), UBRN);
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("DEFERRED_TO_PROVIDER");
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("5");
    }
}
