package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.ersreferral.process.delegate.DelegateTestSupport.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.LetterAttachment;
import org.ersreferral.ers.LetterFile;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.process.FakeScope;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.LetterUpload;
import org.ersreferral.process.ReferralVariables;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** A020 {@link UploadReferralLetterDelegate} and A012 {@link MaintainReferralLetterDelegate}. */
class ReferralLetterDelegatesTest {

    static final String UPLOAD = ReferralProcess.TASK_UPLOAD_REFERRAL_LETTER;
    static final String MAINTAIN = ReferralProcess.TASK_MAINTAIN_REFERRAL_LETTER;
    static final byte[] PDF = "%PDF-1.4 letter".getBytes(StandardCharsets.US_ASCII);

    final ErsClient ers = mock(ErsClient.class);

    static LetterUpload uploaded(String variable, String url, String fileName, String contentType, int size) {
        return new LetterUpload(variable, url, fileName, contentType, size);
    }

    static FakeScope uploading(String variable) {
        return referral(UPLOAD)
                .with(ReferralVariables.LETTER_FILE_VARIABLE.name(), variable)
                .with("referralLetter1", Variables.fileValue("referral.pdf").file(PDF).mimeType("application/pdf").create())
                .with("referralLetter2", Variables.fileValue("notes.bin").file(new byte[] {7, 8}).create());
    }

    @Test
    void uploadsTheFileAndRecordsItsAttachment() {
        FakeScope scope = uploading("referralLetter1");
        when(ers.uploadFile(any(), any(), any())).thenReturn("Binary/abc-1");

        new UploadReferralLetterDelegate(ersSteps(ers)).execute(scope.execution());

        ArgumentCaptor<LetterFile> file = ArgumentCaptor.forClass(LetterFile.class);
        verify(ers).uploadFile(eq(call(UPLOAD)), eq(UBRN), file.capture());
        assertThat(file.getValue().fileName()).isEqualTo("referral.pdf");
        assertThat(file.getValue().contentType()).isEqualTo("application/pdf");
        assertThat(file.getValue().content()).isEqualTo(PDF);
        assertThat(scope.stored(ReferralVariables.LETTER_ATTACHMENTS.name())).isInstanceOf(JsonValue.class);
        assertThat(ReferralVariables.of(scope.execution()).get(ReferralVariables.LETTER_ATTACHMENTS)).containsExactly(
                uploaded("referralLetter1", "Binary/abc-1", "referral.pdf", "application/pdf", PDF.length));
        assertThat(scope.jsonObjects(ReferralVariables.LETTER_ATTACHMENTS.name())).containsExactly(Map.of("variable", "referralLetter1",
                "url", "Binary/abc-1", "fileName", "referral.pdf", "contentType", "application/pdf", "size", PDF.length));
    }

    @Test
    void aFileWithoutTypeIsSentAsOctetStreamAndAddedAfterEarlierFiles() {
        FakeScope scope = uploading("referralLetter2");
        ReferralVariables.of(scope.execution()).set(ReferralVariables.LETTER_ATTACHMENTS,
                List.of(uploaded("referralLetter1", "Binary/abc-1", "referral.pdf", "application/pdf", PDF.length)));
        when(ers.uploadFile(any(), any(), any())).thenReturn("Binary/abc-2");

        new UploadReferralLetterDelegate(ersSteps(ers)).execute(scope.execution());

        ArgumentCaptor<LetterFile> file = ArgumentCaptor.forClass(LetterFile.class);
        verify(ers).uploadFile(any(), eq(UBRN), file.capture());
        assertThat(file.getValue().contentType()).isEqualTo("application/octet-stream");
        assertThat(file.getValue().content()).containsExactly(7, 8);
        assertThat(ReferralVariables.of(scope.execution()).get(ReferralVariables.LETTER_ATTACHMENTS)).containsExactly(
                uploaded("referralLetter1", "Binary/abc-1", "referral.pdf", "application/pdf", PDF.length),
                uploaded("referralLetter2", "Binary/abc-2", "notes.bin", "application/octet-stream", 2));
    }

    @Test
    void aFileAlreadyUploadedIsNotSentAgain() {
        FakeScope scope = uploading("referralLetter1");
        List<LetterUpload> before = List.of(uploaded("referralLetter1", "Binary/abc-1", "referral.pdf", "application/pdf", 15));
        ReferralVariables.of(scope.execution()).set(ReferralVariables.LETTER_ATTACHMENTS, before);

        new UploadReferralLetterDelegate(ersSteps(ers)).execute(scope.execution());

        verifyNoInteractions(ers);
        assertThat(ReferralVariables.of(scope.execution()).get(ReferralVariables.LETTER_ATTACHMENTS)).isEqualTo(before);
    }

    @Test
    void aVariableThatIsNotAFileIsAnError() {
        FakeScope scope = uploading("referralLetter3").with("referralLetter3", "text");

        assertThatThrownBy(() -> new UploadReferralLetterDelegate(ersSteps(ers)).execute(scope.execution()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Process variable 'referralLetter3' should be a file but is a String");
        verifyNoInteractions(ers);
    }

    @Test
    void aRefusedUploadRecordsNoAttachment() {
        FakeScope scope = uploading("referralLetter1");
        when(ers.uploadFile(any(), any(), any())).thenThrow(new ErsException.Rejected("A020", 422, "File type not allowed"));

        BpmnError error = catchThrowableOfType(() -> new UploadReferralLetterDelegate(ersSteps(ers)).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A020 answered 422: File type not allowed");
        assertThat(scope.variables).doesNotContainKey(ReferralVariables.LETTER_ATTACHMENTS.name());
    }

    static FakeScope maintaining(String version) {
        FakeScope scope = referral(MAINTAIN).with(ReferralVariables.REFERRAL_VERSION.name(), version);
        ReferralVariables.of(scope.execution()).set(ReferralVariables.LETTER_ATTACHMENTS, List.of(
                uploaded("referralLetter1", "Binary/abc-1", "referral.pdf", "application/pdf", 15),
                uploaded("referralLetter2", "Binary/abc-2", "notes.bin", "application/octet-stream", 2)));
        return scope;
    }

    static final List<LetterAttachment> ATTACHMENTS = List.of(
            new LetterAttachment("Binary/abc-1", "referral.pdf", "application/pdf", 15),
            new LetterAttachment("Binary/abc-2", "notes.bin", "application/octet-stream", 2));

    @Test
    void attachesTheUploadedFilesAtTheKnownVersion() {
        FakeScope scope = maintaining("4");
        when(ers.maintainReferralLetter(any(), any(), any(), any())).thenReturn("5");

        new MaintainReferralLetterDelegate(ersSteps(ers)).execute(scope.execution());

        verify(ers).maintainReferralLetter(call(MAINTAIN), UBRN, "4", ATTACHMENTS);
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("5");
    }

    @Test
    void withoutAKnownVersionTheCurrentOneIsReadFirst() {
        FakeScope scope = maintaining(null);
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "7", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));
        when(ers.maintainReferralLetter(any(), any(), any(), any())).thenReturn("8");

        new MaintainReferralLetterDelegate(ersSteps(ers)).execute(scope.execution());

        InOrder order = inOrder(ers);
        order.verify(ers).retrieveReferral(call(MAINTAIN), UBRN);
        order.verify(ers).maintainReferralLetter(call(MAINTAIN), UBRN, "7", ATTACHMENTS);
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("8");
    }

    @Test
    void aStaleVersionIsReplacedByTheCurrentOneAndTheCallMadeOnceMore() {
        FakeScope scope = maintaining("4");
        when(ers.maintainReferralLetter(any(), any(), eq("4"), any())).thenThrow(new ErsException.Conflict("A012", 409, "Version mismatch"));
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "6", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));
        when(ers.maintainReferralLetter(any(), any(), eq("6"), any())).thenReturn("7");

        new MaintainReferralLetterDelegate(ersSteps(ers)).execute(scope.execution());

        InOrder order = inOrder(ers);
        order.verify(ers).maintainReferralLetter(call(MAINTAIN), UBRN, "4", ATTACHMENTS);
        order.verify(ers).retrieveReferral(call(MAINTAIN), UBRN);
        order.verify(ers).maintainReferralLetter(call(MAINTAIN), UBRN, "6", ATTACHMENTS);
        verifyNoMoreInteractions(ers);
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("7");
        assertNoProblemRecorded(scope);
    }

    @Test
    void aSecondConflictGoesToACoordinator() {
        FakeScope scope = maintaining("4");
        when(ers.maintainReferralLetter(any(), any(), anyString(), any()))
                .thenThrow(new ErsException.Conflict("A012", 409, "Version mismatch"));
        when(ers.retrieveReferral(any(), any())).thenReturn(new ReferralState(UBRN, "6", "NOT_BOOKED", List.of(DIRECT_SERVICE), null));

        BpmnError error = catchThrowableOfType(() -> new MaintainReferralLetterDelegate(ersSteps(ers)).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A012 answered 409: Version mismatch");
        verify(ers).maintainReferralLetter(any(), any(), eq("4"), any());
        verify(ers).maintainReferralLetter(any(), any(), eq("6"), any());
        assertThat(scope.value(ReferralVariables.REFERRAL_VERSION.name())).isEqualTo("4");
    }

    @Test
    void aRefusedLetterGoesToACoordinatorWithoutRetrying() {
        FakeScope scope = maintaining("4");
        when(ers.maintainReferralLetter(any(), any(), any(), any()))
                .thenThrow(new ErsException.Rejected("A012", 422, "Attachment not found"));

        BpmnError error = catchThrowableOfType(() -> new MaintainReferralLetterDelegate(ersSteps(ers)).execute(scope.execution()), BpmnError.class);

        assertProblem(error, scope, "ERS_REJECTED", "A012 answered 422: Attachment not found");
        verify(ers).maintainReferralLetter(any(), any(), any(), any());
        verifyNoMoreInteractions(ers);
    }
}
