package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ersreferral.process.delegate.DelegateTestSupport.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.AppointmentResult;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.PatientLetter;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.junit.jupiter.api.Test;

/**
 * Steps on a created referral: A016 triage {@link SendForTriageDelegate}, A019
 * {@link GeneratePatientLetterDelegate} and A005 {@link RetrieveReferralStateDelegate}.
 */
class ReferralStateDelegatesTest {

    static final String TRIAGE = ReferralProcess.TASK_SEND_FOR_TRIAGE;
    static final String LETTER = ReferralProcess.TASK_GENERATE_PATIENT_LETTER;
    static final String STATE = ReferralProcess.TASK_RETRIEVE_REFERRAL_STATE;

    final ErsClient ers = mock(ErsClient.class);

    @Test
    void sendsTheReferralIntoItsTriageService() {
        FakeScope scope = referral(TRIAGE).with(ReferralVariables.SHORTLIST.name(), "[\"" + TRIAGE_SERVICE + "\"]");
        when(ers.bookOrDefer(any(), any())).thenReturn(new AppointmentResult("appointment-7", "proposed"));

        new SendForTriageDelegate(ersSteps(ers)).execute(scope.execution());

        verify(ers).bookOrDefer(call(TRIAGE), new AppointmentRequest(AppointmentRequest.Kind.TRIAGE, UBRN, "4", TRIAGE_SERVICE,
                NHS_NUMBER, null, null, null, null));
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.APPOINTMENT_ID.name())).isEqualTo("appointment-7");
        assertThat(scope.value(ReferralVariables.OUTCOME.name())).isEqualTo("SENT_FOR_TRIAGE");
    }

    @Test
    void aRefusedTriageGoesToACoordinator() {
        FakeScope scope = referral(TRIAGE).with(ReferralVariables.SHORTLIST.name(), List.of(TRIAGE_SERVICE));
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Rejected("A016", 422, "Service is not a triage service"));

        BpmnError error = catchThrowableOfType(() -> new SendForTriageDelegate(ersSteps(ers)).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A016 answered 422: Service is not a triage service");
        assertThat(scope.variables).doesNotContainKeys(ReferralVariables.OUTCOME.name(), ReferralVariables.APPOINTMENT_ID.name());
    }

    @Test
    void aLockedReferralGoesToACoordinatorToo() {
        FakeScope scope = referral(TRIAGE).with(ReferralVariables.SHORTLIST.name(), List.of(TRIAGE_SERVICE));
        when(ers.bookOrDefer(any(), any())).thenThrow(new ErsException.Conflict("A016", 423, "Referral is locked"));
        // Read after the conflict: not in triage, and at the version sent, so the conflict is e-RS's own.
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "4", "NOT_BOOKED", List.of(TRIAGE_SERVICE), null));

        BpmnError error = catchThrowableOfType(() -> new SendForTriageDelegate(ersSteps(ers)).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A016 answered 423: Referral is locked");
        verify(ers).bookOrDefer(any(), any());
        verify(ers).retrieveReferral(call(TRIAGE), UBRN);
        verifyNoMoreInteractions(ers);
    }

    @Test
    void keepsThePatientLetterAsAPdfFileVariable() throws Exception {
        FakeScope scope = referral(LETTER);
        byte[] pdf = "%PDF-1.7 patient letter".getBytes(StandardCharsets.US_ASCII);
        when(ers.generatePatientLetter(any(), any())).thenReturn(new PatientLetter("patient-letter-000000070001.pdf", pdf));

        new GeneratePatientLetterDelegate(ers).execute(scope.execution());

        verify(ers).generatePatientLetter(call(LETTER), UBRN);
        verifyNoMoreInteractions(ers);
        assertThat(scope.stored(ReferralVariables.PATIENT_LETTER.name())).isInstanceOf(FileValue.class);
        FileValue file = (FileValue) scope.stored(ReferralVariables.PATIENT_LETTER.name());
        assertThat(file.getFilename()).isEqualTo("patient-letter-000000070001.pdf");
        assertThat(file.getMimeType()).isEqualTo("application/pdf");
        try (InputStream in = file.getValue()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
    }

    @Test
    void theLetterIsNamedAfterWhatItSaysAndTheUbrnNeverThePatient() throws Exception {
        FakeScope scope = referral(LETTER).with(ReferralVariables.OUTCOME.name(), "BOOKED");
        when(ers.generatePatientLetter(any(), any())).thenReturn(new PatientLetter(UBRN + "_Appointment_Confirmation_Summary_20261124.pdf",
                "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));

        new GeneratePatientLetterDelegate(ers).execute(scope.execution());

        FileValue file = (FileValue) scope.stored(ReferralVariables.PATIENT_LETTER.name());
        assertThat(file.getFilename()).isEqualTo("patient-letter-appointment-booked-" + UBRN + ".pdf")
                .doesNotContain(String.valueOf(scope.value(ReferralVariables.NHS_NUMBER.name())));
        assertThat(TaskLabels.patientLetterFileName(Outcome.DEFERRED_TO_PROVIDER, "0000 0007 0001"))
                .isEqualTo("patient-letter-booking-deferred-to-provider-000000070001.pdf");
        assertThat(TaskLabels.patientLetterFileName(Outcome.SENT_FOR_TRIAGE, UBRN)).isEqualTo("patient-letter-sent-for-triage-" + UBRN + ".pdf");
        assertThat(TaskLabels.patientLetterFileName(Outcome.AWAITING_PATIENT_BOOKING, UBRN))
                .isEqualTo("patient-letter-shortlist-to-book-" + UBRN + ".pdf");
    }

    @Test
    void aServerErrorOnTheLetterPropagatesForTheJobToRetry() {
        FakeScope scope = referral(LETTER);
        ErsException.Unavailable failure = new ErsException.Unavailable("A019", 500, "Internal Server Error", null);
        when(ers.generatePatientLetter(any(), any())).thenThrow(failure);

        assertThat(catchThrowable(() -> new GeneratePatientLetterDelegate(ers).execute(scope.execution())))
                .isInstanceOf(ErsTaskDelegate.ErsCallFailed.class).hasCause(failure).hasMessageStartingWith(failure.operationId());
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.PATIENT_LETTER.name());
        assertNoProblemRecorded(scope);
    }

    @Test
    void recordsTheFinalStateAndVersion() {
        FakeScope scope = referral(STATE);
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "12", "BOOKING_DEFERRED", List.of(DIRECT_SERVICE), DIRECT_SERVICE));

        new RetrieveReferralStateDelegate(ers).execute(scope.execution());

        verify(ers).retrieveReferral(call(STATE), UBRN);
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.REFERRAL_STATUS.name())).isEqualTo("BOOKING_DEFERRED");
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("12");
    }

    @Test
    void anExpiredTokenOnTheFinalStateGoesToSigningInAgain() {
        FakeScope scope = referral(STATE);
        when(ers.retrieveReferral(any(), any())).thenThrow(new ErsException.Unauthorised("A005", "Access token expired"));

        BpmnError error = catchThrowableOfType(() -> new RetrieveReferralStateDelegate(ers).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_UNAUTHORISED", "A005 answered 401: Access token expired");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.REFERRAL_STATUS.name());
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("4");
    }
}
