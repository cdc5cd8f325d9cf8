package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.Test;

class ReferralLetterCheckTest {

    static final long FIVE_MB = 5L * 1024 * 1024;

    static FileValue file(String name, String mimeType, int size) {
        return Variables.fileValue(name).file(new byte[size]).mimeType(mimeType).create();
    }

    @Test
    void acceptsAnAcceptedTypeUpToFiveMegabytes() {
        assertThat(ReferralLetterCheck.problem("letter.pdf", "application/pdf", FIVE_MB)).isNull();
        assertThat(ReferralLetterCheck.problem("letter.pdf", "application/pdf", 1)).isNull();
        assertThat(ReferralLetterCheck.problem("scan.png", "image/png", 2048)).isNull();
        assertThat(ReferralLetterCheck.problem("letter.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 2048)).isNull();
    }

    @Test
    void refusesAFileOverFiveMegabytes() {
        assertThat(ReferralLetterCheck.problem("big.pdf", "application/pdf", 6L * 1024 * 1024))
                .isEqualTo("big.pdf is larger than e-RS accepts (6291456 bytes; at most 5242880 bytes, 5 MB)");
        assertThat(ReferralLetterCheck.problem("big.pdf", "application/pdf", FIVE_MB + 1))
                .isEqualTo("big.pdf is larger than e-RS accepts (5242881 bytes; at most 5242880 bytes, 5 MB)");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThat(ReferralLetterCheck.problem("empty.pdf", "application/pdf", 0)).isEqualTo("empty.pdf is empty");
    }

    @Test
    void refusesATypeErsDoesNotAccept() {
        assertThat(ReferralLetterCheck.problem("run.exe", "application/x-msdownload", 10))
                .isEqualTo("run.exe is of a type e-RS does not accept (application/x-msdownload); use PDF, Word, RTF, text or an image");
        assertThat(ReferralLetterCheck.problem("noType", null, 10))
                .isEqualTo("noType is of a type e-RS does not accept (null); use PDF, Word, RTF, text or an image");
    }

    @Test
    void namesTheLetterFileVariablesInNameOrderAndOnlyFiles() {
        FakeScope scope = new FakeScope()
                .with("referralLetter2", file("b.pdf", "application/pdf", 3))
                .with("referralLetter1", file("a.pdf", "application/pdf", 3))
                .with("referralLetterNote", "not a file")
                .with("otherFile", file("c.pdf", "application/pdf", 3));

        assertThat(new ReferralLetterCheck().fileVariableNames(scope.execution()))
                .containsExactly("referralLetter1", "referralLetter2");
    }

    @Test
    void completesWithAcceptedFiles() {
        FakeScope scope = new FakeScope()
                .with("referralLetter1", file("a.pdf", "application/pdf", 3))
                .with("referralLetter2", file("b.txt", "text/plain", 3));

        new ReferralLetterCheck().notify(scope.task());

        assertThat(scope.value(ReferralVariables.ATTACH_LATER)).isEqualTo(false);
    }

    @Test
    void refusesTheFirstBadFileByItsSize() {
        FakeScope scope = new FakeScope()
                .with("referralLetter1", file("a.pdf", "application/pdf", 3))
                .with("referralLetter2", file("b.pdf", "application/pdf", 0));

        assertThatThrownBy(() -> new ReferralLetterCheck().notify(scope.task()))
                .isInstanceOf(TaskCompletionRefused.class).hasMessage("b.pdf is empty");
    }

    @Test
    void refusesNoFilesUnlessTheLetterComesLater() {
        FakeScope none = new FakeScope();
        assertThatThrownBy(() -> new ReferralLetterCheck().notify(none.task()))
                .isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("Attach at least one referral letter file, or choose to add the letter later");

        FakeScope later = new FakeScope().with(ReferralVariables.ATTACH_LATER, "true")
                .with("referralLetter1", file("bad.exe", "application/x-msdownload", 3));
        new ReferralLetterCheck().notify(later.task());
        assertThat(later.value(ReferralVariables.ATTACH_LATER)).isEqualTo(true);
    }
}
