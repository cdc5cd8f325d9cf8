package org.ersreferral.process.delegate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.LetterFile;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A020, once per letter file (sequential multi-instance, each its own job). A file already
 * uploaded is not sent again when the step is retried after a later file failed.
 */
@Component("uploadReferralLetterDelegate")
class UploadReferralLetterDelegate extends ErsTaskDelegate {

    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private final ErsClient ers;

    UploadReferralLetterDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String variableName = variables.string(ReferralVariables.LETTER_FILE_VARIABLE);
        List<Map<String, Object>> uploaded = new ArrayList<>(variables.objectList(ReferralVariables.LETTER_ATTACHMENTS));
        if (uploaded.stream().anyMatch(a -> variableName.equals(a.get("variable")))) {
            return;
        }
        FileValue file = variables.file(variableName);
        if (file == null) {
            throw new IllegalStateException("Process variable '" + variableName + "' is not a file");
        }
        byte[] content = read(file);
        String contentType = file.getMimeType() == null ? DEFAULT_CONTENT_TYPE : file.getMimeType();
        String url = ers.uploadFile(call, variables.ubrn(), new LetterFile(file.getFilename(), contentType, content));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("variable", variableName);
        attachment.put("url", url);
        attachment.put("fileName", file.getFilename());
        attachment.put("contentType", contentType);
        attachment.put("size", content.length);
        uploaded.add(attachment);
        variables.setJson(ReferralVariables.LETTER_ATTACHMENTS, uploaded);
    }

    private static byte[] read(FileValue file) {
        try (InputStream in = file.getValue()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read referral letter file " + file.getFilename(), e);
        }
    }
}
