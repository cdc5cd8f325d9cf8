package org.ersreferral.process.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.ersreferral.ers.AppointmentCancellation;
import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentView;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.Cancellation;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.LetterAttachment;
import org.ersreferral.ers.LetterFile;
import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.ers.ServiceSearch;
import org.ersreferral.ers.ShortlistChange;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The journal and reconcile decisions of {@link ErsSteps}: each test is a re-run of a step after
 * what went wrong on the cluster (a timeout, a node dying after e-RS answered, a stale version).
 */
class ErsStepsTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String UBRN = "000000070001";
    static final String SERVICE = "11002";
    static final ErsCall BOOK = new ErsCall("process-1", "Task_BookAppointment");
    static final ErsCall CREATE = new ErsCall("process-1", "Task_CreateReferral");
    static final NewReferral REFERRAL = new NewReferral("9912003888",
            new ServiceSearch("9912003888", "URGENT", "CARDIOLOGY", null, null, null, null), List.of(SERVICE), true);
    static final AppointmentRequest BOOKING = new AppointmentRequest(AppointmentRequest.Kind.BOOK, UBRN, "2", SERVICE,
            "9912003888", "slot-1", OffsetDateTime.parse("2026-12-01T09:30Z"), OffsetDateTime.parse("2026-12-01T09:45Z"), null);

    final ErsClient ers = mock(ErsClient.class);
    final TestClock clock = TestClock.at(Instant.parse("2026-11-30T09:00:00Z"));
    final InMemoryErsRequestJournal journal = new InMemoryErsRequestJournal(clock);
    final ErsSteps steps = ErsSteps.of(ers, journal, new ErsProperties("http://localhost:9999", "R69", "REFERRING_CLINICIAN",
            null, "create-then-send", null, null, null, 20, 3, null), WAIT, clock);

    static ReferralState state(String version, String status) {
        return new ReferralState(UBRN, version, status, List.of(SERVICE), ErsSteps.BOOKED.equals(status) ? SERVICE : null);
    }

    @Test
    void eachRequestIsJournalledBeforeItIsSentAndItsAnswerAsItArrives() {
        when(ers.bookOrDefer(any(), any())).thenAnswer(invocation -> {
            assertThat(journal.entries()).singleElement().satisfies(entry -> {
                assertThat(entry.status()).isEqualTo(JournalEntry.Status.SENT);
                assertThat(entry.operation()).isEqualTo("A016");
                assertThat(entry.sentVersion()).isEqualTo("2");
                assertThat(entry.requestKey()).isEqualTo("BOOK:11002:slot-1").doesNotContain("9912003888");
            });
            return new AppointmentResult("appointment-9", "booked");
        });

        assertThat(steps.bookOrDefer(BOOK, BOOKING)).isEqualTo(new ErsSteps.Applied("appointment-9", null));

        assertThat(journal.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(JournalEntry.Status.ANSWERED);
            assertThat(entry.answerReference()).isEqualTo("appointment-9");
        });
    }

    @Test
    void anAnsweredBookingIsNotSentAgainWhenTheJobRunsAgainAfterACrash() {
        when(ers.bookOrDefer(any(), any())).thenReturn(new AppointmentResult("appointment-9", "booked"));
        steps.bookOrDefer(BOOK, BOOKING);
        // The node died before the engine committed: another node runs the job again.

        assertThat(steps.bookOrDefer(BOOK, BOOKING)).isEqualTo(new ErsSteps.Applied("appointment-9", null));

        verify(ers, times(1)).bookOrDefer(any(), any());
        verifyNoMoreInteractions(ers);
    }

    @Test
    void anUnansweredBookingIsReadAfterTheWaitAndNotSentAgainWhenErsShowsIt() {
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.OutcomeUnknown("A016", "Read timed out", null));
        when(ers.retrieveReferral(any(), any())).thenReturn(state("3", ErsSteps.BOOKED));

        Throwable timedOut = catchThrowable(() -> steps.bookOrDefer(BOOK, BOOKING));
        assertThat(timedOut).isInstanceOf(ErsException.ReconcileLater.class);
        assertThat(((ErsException.ReconcileLater) timedOut).retryAfterSeconds()).isEqualTo(60);
        verify(ers, times(0)).retrieveReferral(any(), any());

        clock.advance(WAIT);
        assertThat(steps.bookOrDefer(BOOK, BOOKING)).isEqualTo(new ErsSteps.Applied(null, "3"));

        verify(ers, times(1)).bookOrDefer(any(), any());
        verify(ers).retrieveReferral(BOOK, UBRN);
        verifyNoMoreInteractions(ers);
        assertThat(journal.entries()).singleElement().extracting(JournalEntry::status).isEqualTo(JournalEntry.Status.ANSWERED);
        // and a later re-run takes the journalled answer without reading e-RS again
        assertThat(steps.bookOrDefer(BOOK, BOOKING)).isEqualTo(new ErsSteps.Applied(null, "3"));
        verifyNoMoreInteractions(ers);
    }

    @Test
    void anUnansweredBookingErsDoesNotShowIsSentAgainWithTheVersionErsHasNow() {
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.OutcomeUnknown("A016", "Read timed out", null))
                .thenReturn(new AppointmentResult("appointment-9", "booked"));
        when(ers.retrieveReferral(any(), any())).thenReturn(state("3", "NOT_BOOKED"));
        catchThrowable(() -> steps.bookOrDefer(BOOK, BOOKING));
        clock.advance(WAIT);

        assertThat(steps.bookOrDefer(BOOK, BOOKING).appointmentId()).isEqualTo("appointment-9");

        ArgumentCaptor<AppointmentRequest> sent = ArgumentCaptor.forClass(AppointmentRequest.class);
        verify(ers, times(2)).bookOrDefer(eq(BOOK), sent.capture());
        assertThat(sent.getAllValues()).extracting(AppointmentRequest::referralVersion).containsExactly("2", "3");
        assertThat(journal.entries()).extracting(JournalEntry::attempt, JournalEntry::status).containsExactly(
                tuple(1, JournalEntry.Status.CLOSED),
                tuple(2, JournalEntry.Status.ANSWERED));
    }

    @Test
    void aStaleVersionIsReadAgainAndTheBookingContinuesWithTheCurrentOne() {
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Conflict("A016", 409,
                "Referral 000000070001 is at version 3, not 2; read it again (A005).")).thenReturn(new AppointmentResult("appointment-9", "booked"));
        when(ers.retrieveReferral(any(), any())).thenReturn(state("3", "NOT_BOOKED"));

        assertThat(steps.bookOrDefer(BOOK, BOOKING).appointmentId()).isEqualTo("appointment-9");

        ArgumentCaptor<AppointmentRequest> sent = ArgumentCaptor.forClass(AppointmentRequest.class);
        verify(ers, times(2)).bookOrDefer(eq(BOOK), sent.capture());
        assertThat(sent.getAllValues()).extracting(AppointmentRequest::referralVersion).containsExactly("2", "3");
    }

    @Test
    void aSecondStaleVersionGoesToACoordinatorAndIsNotASlotGone() {
        ErsException.Conflict stale = new ErsException.Conflict("A016", 409, "Referral is at version 4, not 3; read it again (A005).");
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Conflict("A016", 409, "at version 3, not 2"), stale);
        when(ers.retrieveReferral(any(), any())).thenReturn(state("3", "NOT_BOOKED"), state("4", "NOT_BOOKED"));

        Throwable thrown = catchThrowable(() -> steps.bookOrDefer(BOOK, BOOKING));

        assertThat(thrown).isInstanceOf(ErsException.Rejected.class).isNotInstanceOf(ErsException.Conflict.class)
                .hasMessage(stale.getMessage());
        assertThat(((ErsException) thrown).status()).isEqualTo(409);
        verify(ers, times(2)).bookOrDefer(any(), any());
    }

    @Test
    void aConflictCausedByOurOwnEarlierBookingIsThatBookingNotASlotGone() {
        // e.g. the first request timed out after e-RS booked, and a coordinator's "Try again" sent it again
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Conflict("A016", 409, "at version 3, not 2"));
        when(ers.retrieveReferral(any(), any())).thenReturn(state("3", ErsSteps.BOOKED));

        assertThat(steps.bookOrDefer(BOOK, BOOKING)).isEqualTo(new ErsSteps.Applied(null, "3"));

        verify(ers, times(1)).bookOrDefer(any(), any());
        assertThat(journal.entries()).singleElement().extracting(JournalEntry::status).isEqualTo(JournalEntry.Status.ANSWERED);
    }

    @Test
    void aConflictAtTheVersionSentIsErsOwnAndThrownAsItCame() {
        ErsException.Conflict slotGone = new ErsException.Conflict("A016", 409, "Slot slot-1 is no longer available");
        when(ers.bookOrDefer(any(), any())).thenThrow(slotGone);
        when(ers.retrieveReferral(any(), any())).thenReturn(state("2", "NOT_BOOKED"));

        assertThat(catchThrowable(() -> steps.bookOrDefer(BOOK, BOOKING))).isSameAs(slotGone);
        verify(ers, times(1)).bookOrDefer(any(), any());
        assertThat(journal.entries()).singleElement().extracting(JournalEntry::status).isEqualTo(JournalEntry.Status.CLOSED);
    }

    @Test
    void aConflictWhoseReadFailsIsARefusalNotARequestWithNoAnswer() {
        // the cluster fault run: the slot went (409), the read after it failed (500); the retry waited for an
        // answer that had come, again and again, until the step became an incident
        ErsException.Conflict slotGone = new ErsException.Conflict("A016", 409, "Slot slot-1 is no longer available");
        ErsException.Unavailable readFailed = new ErsException.Unavailable("A005", 500, "internal server error", null);
        when(ers.bookOrDefer(any(), any())).thenThrow(slotGone).thenReturn(new AppointmentResult("appointment-9", "booked"));
        when(ers.retrieveReferral(any(), any())).thenThrow(readFailed);

        assertThat(catchThrowable(() -> steps.bookOrDefer(BOOK, BOOKING))).isSameAs(readFailed);
        assertThat(journal.entries()).singleElement().extracting(JournalEntry::status).isEqualTo(JournalEntry.Status.CLOSED);

        // the retry, at once, is a new attempt
        assertThat(steps.bookOrDefer(BOOK, BOOKING)).isEqualTo(new ErsSteps.Applied("appointment-9", null));
        verify(ers, times(2)).bookOrDefer(any(), any());
    }

    @Test
    void aCreateAnsweredBeforeTheNodeDiedIsNeverSentAgain() {
        when(ers.createReferral(any(), any())).thenReturn(new ReferralCreated(UBRN, "1"));
        steps.create(CREATE, REFERRAL, false);

        assertThat(steps.create(CREATE, REFERRAL, false)).isEqualTo(new ReferralCreated(UBRN, "1"));

        verify(ers, times(1)).createReferral(any(), any());
        verifyNoMoreInteractions(ers);
        assertThat(journal.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.answerUbrn()).isEqualTo(UBRN);
            assertThat(entry.answerVersion()).isEqualTo("1");
        });
    }

    @Test
    void aCreateSentWithNoAnswerOnRecordGoesToACoordinatorWithoutBeingSent() {
        when(ers.createReferral(any(), any())).thenAnswer(invocation -> {
            throw new IllegalStateException("the node dies while waiting for e-RS");
        });
        catchThrowable(() -> steps.create(CREATE, REFERRAL, false));
        // e-RS may still be making it: nobody is asked to look until the wait is over
        assertThat(catchThrowable(() -> steps.create(CREATE, REFERRAL, false))).isInstanceOf(ErsException.ReconcileLater.class);
        clock.advance(WAIT);

        Throwable rerun = catchThrowable(() -> steps.create(CREATE, REFERRAL, false));

        assertThat(rerun).isInstanceOf(ErsException.OutcomeUnknown.class).hasMessageContaining("check whether e-RS created the referral");
        verify(ers, times(1)).createReferral(any(), any());
        // the coordinator found none, so the create after that is a new attempt
        doReturn(new ReferralCreated(UBRN, "1")).when(ers).createReferral(any(), any());
        assertThat(steps.create(CREATE, REFERRAL, false).ubrn()).isEqualTo(UBRN);
        assertThat(journal.entries()).extracting(JournalEntry::attempt).containsExactly(1, 2);
    }

    @Test
    void aCreateWithNoAnswerWaitsUntilErsHadTimeToMakeItBeforeACoordinatorLooks() {
        when(ers.createReferral(any(), any())).thenThrow(new ErsException.OutcomeUnknown("A011", "Read timed out", null));

        Throwable noAnswer = catchThrowable(() -> steps.create(CREATE, REFERRAL, false));

        assertThat(noAnswer).isInstanceOf(ErsException.ReconcileLater.class);
        assertThat(((ErsException.ReconcileLater) noAnswer).retryAfterSeconds()).isEqualTo(WAIT.toSeconds());
        assertThat(journal.entries()).singleElement().extracting(JournalEntry::status).isEqualTo(JournalEntry.Status.SENT);
        clock.advance(WAIT.minusSeconds(1));
        assertThat(catchThrowable(() -> steps.create(CREATE, REFERRAL, false))).isInstanceOf(ErsException.ReconcileLater.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(catchThrowable(() -> steps.create(CREATE, REFERRAL, false))).isInstanceOf(ErsException.OutcomeUnknown.class);
        verify(ers, times(1)).createReferral(any(), any());
    }

    @Test
    void aCancellationAnsweredIsNotSentAgainAndAStaleVersionIsReadAgainOnce() {
        ErsCall cancel = new ErsCall("process-1", "Task_CancelReferral");
        when(ers.retrieveReferral(any(), any())).thenReturn(state("2", "NOT_BOOKED"), state("3", "NOT_BOOKED"));
        when(ers.cancelReferral(any(), any())).thenThrow(new ErsException.Conflict("A036", 409, "not 2"))
                .thenReturn(state("4", ErsSteps.CANCELLED));

        assertThat(steps.cancel(cancel, UBRN, "REFERRER_CANCELLATION", "why").version()).isEqualTo("4");
        assertThat(steps.cancel(cancel, UBRN, "REFERRER_CANCELLATION", "why").status()).isEqualTo(ErsSteps.CANCELLED);

        ArgumentCaptor<Cancellation> sent = ArgumentCaptor.forClass(Cancellation.class);
        verify(ers, times(2)).cancelReferral(eq(cancel), sent.capture());
        assertThat(sent.getAllValues()).extracting(Cancellation::version).containsExactly("2", "3");
        verify(ers, times(2)).retrieveReferral(cancel, UBRN);
    }

    // ---- A031 / A032 ----

    static final ShortlistChange NEW_SHORTLIST = new ShortlistChange(UBRN, "2",
            new ServiceSearch("9912003888", "URGENT", "CARDIOLOGY", null, null, null, null), List.of("11000", "11008"), true);
    static final ErsCall CHANGE = new ErsCall("process-1", "Task_ChangeShortlist");

    static ReferralState withShortlist(String version, String status, List<String> shortlist, String appointmentId) {
        return new ReferralState(UBRN, version, status, shortlist, null, appointmentId);
    }

    @Test
    void aShortlistChangeAnsweredIsNotSentAgainAndAStaleVersionIsReadAgainOnce() {
        when(ers.changeShortlist(any(), any())).thenThrow(new ErsException.Conflict("A031", 409, "not 2"))
                .thenReturn(withShortlist("4", "NOT_BOOKED", NEW_SHORTLIST.shortlist(), null));
        when(ers.retrieveReferral(any(), any())).thenReturn(withShortlist("3", "NOT_BOOKED", List.of(SERVICE), null));

        assertThat(steps.changeShortlist(CHANGE, NEW_SHORTLIST, false).version()).isEqualTo("4");
        ReferralState again = steps.changeShortlist(CHANGE, NEW_SHORTLIST, false);

        assertThat(again.version()).isEqualTo("4");
        assertThat(again.shortlist()).isEqualTo(NEW_SHORTLIST.shortlist());
        ArgumentCaptor<ShortlistChange> sent = ArgumentCaptor.forClass(ShortlistChange.class);
        verify(ers, times(2)).changeShortlist(eq(CHANGE), sent.capture());
        assertThat(sent.getAllValues()).extracting(ShortlistChange::version).containsExactly("2", "3");
        assertThat(journal.entries()).extracting(JournalEntry::operation, JournalEntry::status).containsExactly(
                tuple("A031", JournalEntry.Status.CLOSED), tuple("A031", JournalEntry.Status.ANSWERED));
    }

    @Test
    void anUnansweredSendForTriageIsReconciledAfterTheWaitAndNotSentAgainWhenErsShowsIt() {
        ShortlistChange triage = new ShortlistChange(UBRN, "2", NEW_SHORTLIST.searchCriteria(), List.of("11004"), false);
        when(ers.changeShortlistAndSendForTriage(any(), any()))
                .thenThrow(new ErsException.OutcomeUnknown("A032", "Read timed out", null));
        when(ers.retrieveReferral(any(), any())).thenReturn(withShortlist("3", "AWAITING_TRIAGE", List.of("11004"), "70009"));

        assertThat(catchThrowable(() -> steps.changeShortlist(CHANGE, triage, true)))
                .isInstanceOf(ErsException.ReconcileLater.class);
        assertThat(catchThrowable(() -> steps.changeShortlist(CHANGE, triage, true)))
                .as("not even read before the wait").isInstanceOf(ErsException.ReconcileLater.class);
        verify(ers, times(0)).retrieveReferral(any(), any());
        clock.advance(WAIT);

        ReferralState reconciled = steps.changeShortlist(CHANGE, triage, true);

        assertThat(reconciled.version()).isEqualTo("3");
        assertThat(reconciled.appointmentId()).isEqualTo("70009");
        verify(ers, times(1)).changeShortlistAndSendForTriage(any(), any());
        assertThat(steps.changeShortlist(CHANGE, triage, true).appointmentId()).isEqualTo("70009");
        verify(ers, times(1)).retrieveReferral(any(), any());
    }

    // ---- A034 ----

    static final ErsCall CANCEL_APPOINTMENT = new ErsCall("process-1", "Task_CancelAppointment");

    static AppointmentView appointment(String version, String status) {
        return new AppointmentView("70000", version, status, "slot-1", null, null, null, null, UBRN, "6", SERVICE, null,
                "9912003888", null);
    }

    @Test
    void anAppointmentCancellationNamesTheVersionErsHasNowAndIsNotSentTwice() {
        when(ers.retrieveAppointment(any(), any())).thenReturn(appointment("1", "booked"), appointment("2", "booked"),
                appointment("3", "cancelled"));
        when(ers.cancelAppointment(any(), any())).thenThrow(new ErsException.Conflict("A034", 409, "not 1"))
                .thenReturn(appointment("3", "cancelled"));

        assertThat(steps.cancelAppointment(CANCEL_APPOINTMENT, "70000", "PATIENT_ILL", null).status()).isEqualTo("cancelled");
        assertThat(steps.cancelAppointment(CANCEL_APPOINTMENT, "70000", "PATIENT_ILL", null).version()).isEqualTo("3");

        ArgumentCaptor<AppointmentCancellation> sent = ArgumentCaptor.forClass(AppointmentCancellation.class);
        verify(ers, times(2)).cancelAppointment(eq(CANCEL_APPOINTMENT), sent.capture());
        assertThat(sent.getAllValues()).extracting(c -> c.appointment().version()).containsExactly("1", "2");
        assertThat(sent.getAllValues()).extracting(AppointmentCancellation::reasonCode).containsOnly("PATIENT_ILL");
    }

    @Test
    void anUnansweredAppointmentCancellationIsReadAfterTheWaitAndNotSentAgainWhenApplied() {
        when(ers.retrieveAppointment(any(), any())).thenReturn(appointment("1", "booked"), appointment("2", "cancelled"));
        when(ers.cancelAppointment(any(), any())).thenThrow(new ErsException.OutcomeUnknown("A034", "Read timed out", null));

        assertThat(catchThrowable(() -> steps.cancelAppointment(CANCEL_APPOINTMENT, "70000", "PATIENT_ILL", null)))
                .isInstanceOf(ErsException.ReconcileLater.class).hasMessageContaining("A038");
        assertThat(catchThrowable(() -> steps.cancelAppointment(CANCEL_APPOINTMENT, "70000", "PATIENT_ILL", null)))
                .isInstanceOf(ErsException.ReconcileLater.class);
        clock.advance(WAIT);

        assertThat(steps.cancelAppointment(CANCEL_APPOINTMENT, "70000", "PATIENT_ILL", null).version()).isEqualTo("2");
        verify(ers, times(1)).cancelAppointment(any(), any());
        assertThat(journal.entries()).extracting(JournalEntry::operation, JournalEntry::status, JournalEntry::answerVersion)
                .containsExactly(tuple("A034", JournalEntry.Status.ANSWERED, "2"));
    }

    @Test
    void anAppointmentAlreadyCancelledIsNotCancelledAgain() {
        when(ers.retrieveAppointment(any(), any())).thenReturn(appointment("4", "cancelled"));

        assertThat(steps.cancelAppointment(CANCEL_APPOINTMENT, "70000", "PATIENT_ILL", null).version()).isEqualTo("4");

        verify(ers).retrieveAppointment(CANCEL_APPOINTMENT, "70000");
        verifyNoMoreInteractions(ers);
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void anUnansweredLetterIsSentAgainOnlyAfterTheWaitWithTheVersionErsHasNow() {
        ErsCall letter = new ErsCall("process-1", "Task_MaintainReferralLetter");
        List<LetterAttachment> files = List.of(new LetterAttachment("Binary/1", "letter.pdf", "application/pdf", 10));
        when(ers.maintainReferralLetter(any(), any(), any(), any()))
                .thenThrow(new ErsException.OutcomeUnknown("A012", "Read timed out", null)).thenReturn("5");
        when(ers.retrieveReferral(any(), any())).thenReturn(state("4", "NOT_BOOKED"));

        assertThat(catchThrowable(() -> steps.maintainReferralLetter(letter, UBRN, "3", files))).isInstanceOf(ErsException.ReconcileLater.class);
        assertThat(catchThrowable(() -> steps.maintainReferralLetter(letter, UBRN, "3", files))).isInstanceOf(ErsException.ReconcileLater.class);
        clock.advance(WAIT);

        assertThat(steps.maintainReferralLetter(letter, UBRN, "3", files)).isEqualTo("5");
        verify(ers).maintainReferralLetter(letter, UBRN, "3", files);
        verify(ers).maintainReferralLetter(letter, UBRN, "4", files);
    }

    @Test
    void anUploadedFileIsNotUploadedAgainAndAnotherFileUnderTheSameNameIs() {
        ErsCall upload = new ErsCall("process-1", "Task_UploadReferralLetter");
        LetterFile file = new LetterFile("letter.pdf", "application/pdf", new byte[] {1, 2});
        when(ers.uploadFile(any(), any(), any())).thenReturn("Binary/1", "Binary/2");

        assertThat(steps.uploadFile(upload, UBRN, "referralLetter1", file)).isEqualTo("Binary/1");
        assertThat(steps.uploadFile(upload, UBRN, "referralLetter1", file)).isEqualTo("Binary/1");
        assertThat(steps.uploadFile(upload, UBRN, "referralLetter1", new LetterFile("letter.pdf", "application/pdf", new byte[] {3})))
                .isEqualTo("Binary/2");
        verify(ers, times(2)).uploadFile(any(), any(), any());
    }

    @Test
    void nothingIsJournalledForReads() {
        when(ers.retrieveReferral(any(), any())).thenReturn(state("7", "NOT_BOOKED"));

        assertThat(steps.knownOrCurrentVersion(BOOK, UBRN, null)).isEqualTo("7");
        assertThat(steps.knownOrCurrentVersion(BOOK, UBRN, "6")).isEqualTo("6");

        verify(ers, times(1)).retrieveReferral(BOOK, UBRN);
        assertThat(journal.entries()).isEmpty();
    }
}
