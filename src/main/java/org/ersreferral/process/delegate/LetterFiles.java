package org.ersreferral.process.delegate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ersreferral.ers.LetterFile;
import org.ersreferral.process.LetterUpload;
import org.ersreferral.process.ReferralVariables;

/** A referral letter file as uploaded from a file variable, and the attachment the letter then lists. */
final class LetterFiles {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private LetterFiles() {
    }

    static LetterFile of(String variableName, FileValue file) {
        if (file == null) {
            throw new IllegalStateException("Process variable '" + variableName + "' is not a file");
        }
        try (InputStream in = file.getValue()) {
            return new LetterFile(file.getFilename(), file.getMimeType() == null ? DEFAULT_CONTENT_TYPE : file.getMimeType(),
                    in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read referral letter file " + file.getFilename(), e);
        }
    }

    /** Whether the letter lists the file already, uploaded by an earlier run of this step. */
    static boolean listed(ReferralVariables variables, String variableName) {
        return variables.get(ReferralVariables.LETTER_ATTACHMENTS).stream().anyMatch(a -> variableName.equals(a.variable()));
    }

    /** Adds an uploaded file to the attachments the letter is to list (A012). */
    static void recordUpload(ReferralVariables variables, String variableName, LetterFile file, String url) {
        List<LetterUpload> uploads = new ArrayList<>(variables.get(ReferralVariables.LETTER_ATTACHMENTS));
        uploads.add(new LetterUpload(variableName, url, file.fileName(), file.contentType(), file.content().length));
        variables.set(ReferralVariables.LETTER_ATTACHMENTS, uploads);
    }
}
