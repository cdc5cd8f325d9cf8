package org.ersreferral.process;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Component;

/**
 * The referral letter task completes with files e-RS accepts (type and 5 MB limit) or "add later";
 * also names the files for the upload step's multi-instance collection.
 */
@Component("referralLetterCheck")
public class ReferralLetterCheck implements TaskListener {

    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    /** File types e-RS accepts for attachments (A020). */
    public static final Set<String> ACCEPTED_TYPES = Set.of(
            "application/pdf", "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/rtf", "text/rtf", "text/plain", "image/jpeg", "image/png", "image/tiff", "image/gif", "image/bmp",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "text/csv", "application/vnd.oasis.opendocument.text", "application/dicom");

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        List<String> files = fileVariableNames(task.getExecution());
        boolean later = variables.flag(ReferralVariables.ATTACH_LATER);
        variables.set(ReferralVariables.ATTACH_LATER, later);
        if (later) {
            return;
        }
        if (files.isEmpty()) {
            throw new TaskCompletionRefused("Attach at least one referral letter file, or choose to add the letter later");
        }
        for (String name : files) {
            FileValue file = variables.file(name);
            String problem = problem(file.getFilename(), file.getMimeType(), size(file));
            if (problem != null) {
                throw new TaskCompletionRefused(problem);
            }
        }
    }

    /** Names of the File variables that hold letter files, in name order. */
    public List<String> fileVariableNames(DelegateExecution execution) {
        ReferralVariables variables = ReferralVariables.of(execution);
        return execution.getVariableNames().stream()
                .filter(name -> name.startsWith(ReferralVariables.LETTER_FILE_PREFIX))
                .filter(name -> variables.file(name) != null)
                .sorted().toList();
    }

    public static String problem(String fileName, String mimeType, long size) {
        if (size > MAX_FILE_BYTES) {
            return fileName + " is larger than e-RS accepts (" + size + " bytes; at most " + MAX_FILE_BYTES + " bytes, 5 MB)";
        }
        if (size == 0) {
            return fileName + " is empty";
        }
        if (mimeType == null || !ACCEPTED_TYPES.contains(mimeType)) {
            return fileName + " is of a type e-RS does not accept (" + mimeType + "); use PDF, Word, RTF, text or an image";
        }
        return null;
    }

    private static long size(FileValue file) {
        try (var in = file.getValue()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
