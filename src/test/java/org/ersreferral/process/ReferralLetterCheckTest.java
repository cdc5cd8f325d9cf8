package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.Test;

class ReferralLetterCheckTest {

    static final long FIVE_MB = 5L * 1024 * 1024;

    /** A file of {@code size} bytes that starts as files of its type do. */
    static FileValue file(String name, String mimeType, int size) {
        byte[] bytes = new byte[size == 0 ? 0 : Math.max(size, magic(mimeType).length)];
        byte[] magic = magic(mimeType);
        System.arraycopy(magic, 0, bytes, 0, Math.min(bytes.length, magic.length));
        return Variables.fileValue(name).file(bytes).mimeType(mimeType).create();
    }

    static byte[] magic(String mimeType) {
        return switch (String.valueOf(mimeType)) {
            case "application/pdf" -> "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
            case "text/plain", "text/csv" -> "Dear colleague".getBytes(StandardCharsets.US_ASCII);
            case "image/png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
            default -> "MZ".getBytes(StandardCharsets.US_ASCII);
        };
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
                .isEqualTo("noType is of a type e-RS does not accept (none given); use PDF, Word, RTF, text or an image");
    }

    @Test
    void refusesANameThatDoesNotEndInItsTypesExtension() {
        assertThat(ReferralLetterCheck.problem("run.exe", "application/pdf", 10)).isEqualTo("run.exe must end in .pdf to be sent as application/pdf");
        assertThat(ReferralLetterCheck.problem("letter", "application/pdf", 10)).isEqualTo("letter must end in .pdf to be sent as application/pdf");
        assertThat(ReferralLetterCheck.problem("Letter.PDF", "application/pdf", 10)).isNull();
        assertThat(ReferralLetterCheck.problem("scan.jpeg", "image/jpeg", 10)).isNull();
    }

    @Test
    void refusesNamesWithControlCharactersPathsOrOverlength() {
        assertThat(ReferralLetterCheck.problem("a\r\nSet-Cookie: x.pdf", "application/pdf", 10)).contains("control characters");
        assertThat(ReferralLetterCheck.problem("a\u0000.pdf", "application/pdf", 10)).contains("control characters");
        assertThat(ReferralLetterCheck.problem("../../etc/passwd.pdf", "application/pdf", 10)).contains("must not hold a path");
        assertThat(ReferralLetterCheck.problem("C:\\temp\\a.pdf", "application/pdf", 10)).contains("must not hold a path");
        assertThat(ReferralLetterCheck.problem("x".repeat(252) + ".pdf", "application/pdf", 10)).contains("longer than 255 characters");
        assertThat(ReferralLetterCheck.problem("x".repeat(251) + ".pdf", "application/pdf", 10)).isNull();
        assertThat(ReferralLetterCheck.problem(" ", "application/pdf", 10)).contains("has no name");
    }

    @Test
    void checksTheContentsAgainstTheDeclaredTypeByTheirFirstBytes() {
        byte[] pdf = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0};
        assertThat(ReferralLetterCheck.problem("a.pdf", "application/pdf", pdf.length, pdf)).isNull();
        assertThat(ReferralLetterCheck.problem("a.pdf", "application/pdf", exe.length, exe))
                .isEqualTo("a.pdf is not of its declared type application/pdf: its first bytes are those of another type");
        assertThat(ReferralLetterCheck.problem("a.txt", "text/plain", exe.length, exe)).contains("is not of its declared type");
        assertThat(ReferralLetterCheck.problem("a.txt", "text/plain", 4, new byte[] {'a', 0, 'b', 'c'})).contains("is not of its declared type");
        assertThat(ReferralLetterCheck.problem("a.txt", "text/plain", 2, "hi".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(ReferralLetterCheck.problem("a.png", "image/png", pdf.length, pdf)).contains("is not of its declared type");
        assertThat(ReferralLetterCheck.problem("a.png", "image/png", 8, magic("image/png"))).isNull();
        assertThat(ReferralLetterCheck.problem("a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                4, new byte[] {'P', 'K', 3, 4})).isNull();
        assertThat(ReferralLetterCheck.problem("a.doc", "application/msword", 8, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11,
                (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1})).isNull();
        assertThat(ReferralLetterCheck.problem("a.rtf", "application/rtf", 5, "{\\rtf".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(ReferralLetterCheck.problem("a.gif", "image/gif", 6, "GIF89a".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(ReferralLetterCheck.problem("a.jpg", "image/jpeg", 3, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})).isNull();
        assertThat(ReferralLetterCheck.problem("a.tif", "image/tiff", 4, new byte[] {'I', 'I', 42, 0})).isNull();
        assertThat(ReferralLetterCheck.problem("a.bmp", "image/bmp", 2, new byte[] {'B', 'M'})).isNull();
        byte[] dicom = new byte[132];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, dicom, 128, 4);
        assertThat(ReferralLetterCheck.problem("a.dcm", "application/dicom", 132, dicom)).isNull();
        assertThat(ReferralLetterCheck.problem("a.dcm", "application/dicom", 4, "DICM".getBytes(StandardCharsets.US_ASCII))).contains("is not of its declared type");
    }

    @Test
    void refusesAFileWhoseContentsAreNotItsDeclaredType() {
        FakeScope scope = new FakeScope().with("referralLetter1", file("a.pdf", "application/x-msdownload", 3));
        FakeScope renamed = new FakeScope().with("referralLetter1",
                Variables.fileValue("a.pdf").file(new byte[] {'M', 'Z', 0}).mimeType("application/pdf").create());

        assertThatThrownBy(() -> new ReferralLetterCheck().notify(scope.task())).isInstanceOf(TaskCompletionRefused.class)
                .hasMessageContaining("type e-RS does not accept");
        assertThatThrownBy(() -> new ReferralLetterCheck().notify(renamed.task())).isInstanceOf(TaskCompletionRefused.class)
                .hasMessage("a.pdf is not of its declared type application/pdf: its first bytes are those of another type");
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

        assertThat(scope.value(ReferralVariables.ATTACH_LATER.name())).isEqualTo(false);
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

        FakeScope later = new FakeScope().with(ReferralVariables.ATTACH_LATER.name(), "true")
                .with("referralLetter1", file("bad.exe", "application/x-msdownload", 3));
        new ReferralLetterCheck().notify(later.task());
        assertThat(later.value(ReferralVariables.ATTACH_LATER.name())).isEqualTo(true);
    }
}
