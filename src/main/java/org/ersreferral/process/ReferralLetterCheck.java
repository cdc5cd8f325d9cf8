package org.ersreferral.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Component;

/**
 * The referral letter task completes with files e-RS accepts (type and 5 MB limit), whose contents
 * are of the declared type and whose names are plain file names, or "add later";
 * also names the files for the upload step's multi-instance collection.
 */
@Component("referralLetterCheck")
public class ReferralLetterCheck implements TaskListener {

    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    /** Files one completion may attach (the form offers three). */
    public static final int MAX_FILES = 10;
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
        boolean later = variables.get(ReferralVariables.ATTACH_LATER);
        variables.set(ReferralVariables.ATTACH_LATER, later);
        if (later) {
            return;
        }
        if (files.isEmpty()) {
            throw new TaskCompletionRefused("Attach at least one referral letter file, or choose to add the letter later");
        }
        if (files.size() > MAX_FILES) {
            throw new TaskCompletionRefused("Attach at most " + MAX_FILES + " letter files at once");
        }
        for (String name : files) {
            FileValue file = variables.letterFile(name);
            Contents contents = contents(file);
            String problem = problem(file.getFilename(), file.getMimeType(), contents.size(), contents.head());
            if (problem != null) {
                throw new TaskCompletionRefused(problem);
            }
        }
    }

    /** Names of the File variables that hold letter files, in name order. */
    public List<String> fileVariableNames(DelegateExecution execution) {
        return execution.getVariableNames().stream()
                .filter(name -> name.startsWith(ReferralVariables.LETTER_FILE_PREFIX))
                .filter(name -> execution.getVariableTyped(name) instanceof FileValue)
                .sorted().toList();
    }

    /** Longest file name accepted: what common file systems hold. */
    public static final int MAX_FILE_NAME = 255;

    /** File name extensions of each accepted type: the name must end in one of its type's. */
    static final Map<String, List<String>> EXTENSIONS = Map.ofEntries(
            Map.entry("application/pdf", List.of("pdf")),
            Map.entry("application/msword", List.of("doc")),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", List.of("docx")),
            Map.entry("application/rtf", List.of("rtf")),
            Map.entry("text/rtf", List.of("rtf")),
            Map.entry("text/plain", List.of("txt", "text")),
            Map.entry("image/jpeg", List.of("jpg", "jpeg")),
            Map.entry("image/png", List.of("png")),
            Map.entry("image/tiff", List.of("tif", "tiff")),
            Map.entry("image/gif", List.of("gif")),
            Map.entry("image/bmp", List.of("bmp")),
            Map.entry("application/vnd.ms-excel", List.of("xls")),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", List.of("xlsx")),
            Map.entry("text/csv", List.of("csv")),
            Map.entry("application/vnd.oasis.opendocument.text", List.of("odt")),
            Map.entry("application/dicom", List.of("dcm", "dicom")));

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    /** Bytes read from the start of a file to tell its type: DICOM's marker is at 128. */
    static final int HEAD_BYTES = 132;

    /** Checks name, type and size only; {@link #problem(String, String, long, byte[])} also checks the contents. */
    public static String problem(String fileName, String mimeType, long size) {
        String nameProblem = nameProblem(fileName);
        if (nameProblem != null) {
            return nameProblem;
        }
        if (size > MAX_FILE_BYTES) {
            return fileName + " is larger than e-RS accepts (" + size + " bytes; at most " + MAX_FILE_BYTES + " bytes, 5 MB)";
        }
        if (size == 0) {
            return fileName + " is empty";
        }
        if (mimeType == null || !ACCEPTED_TYPES.contains(mimeType)) {
            return fileName + " is of a type e-RS does not accept (" + (mimeType == null || !StartInput.printable(mimeType)
                    || mimeType.length() > 100 ? "none given" : mimeType) + "); use PDF, Word, RTF, text or an image";
        }
        String extension = extension(fileName);
        if (!EXTENSIONS.get(mimeType).contains(extension)) {
            return fileName + " must end in ." + String.join(" or .", EXTENSIONS.get(mimeType)) + " to be sent as " + mimeType;
        }
        return null;
    }

    /**
     * Name, type and size, and whether the first bytes are those of the declared type (magic
     * bytes), so an executable or anything else renamed to .pdf is not sent to e-RS as a letter.
     */
    public static String problem(String fileName, String mimeType, long size, byte[] head) {
        String problem = problem(fileName, mimeType, size);
        if (problem != null) {
            return problem;
        }
        return contentMatches(mimeType, head) ? null
                : fileName + " is not of its declared type " + mimeType + ": its first bytes are those of another type";
    }

    /**
     * Why the name cannot be sent on (it becomes e-RS's file name and a download's name), or null.
     * Bad names are refused, not cleaned up: the coordinator renames the file and knows what e-RS shows.
     */
    static String nameProblem(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "A letter file has no name; give the file a name ending in its type, e.g. letter.pdf";
        }
        if (fileName.length() > MAX_FILE_NAME) {
            return "A letter file's name is longer than " + MAX_FILE_NAME + " characters; rename the file";
        }
        if (!StartInput.printable(fileName)) {
            return "A letter file's name holds control characters (such as line breaks); rename the file";
        }
        if (fileName.contains("/") || fileName.contains("\\") || fileName.equals(".") || fileName.equals("..")) {
            return "A letter file's name must not hold a path ('/' or '\\'); give the file's own name only";
        }
        return null;
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static boolean contentMatches(String mimeType, byte[] head) {
        return switch (mimeType) {
            case "application/pdf" -> startsWith(head, "%PDF-".getBytes(StandardCharsets.US_ASCII));
            case "application/msword", "application/vnd.ms-excel" -> startsWith(head, OLE2);
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.oasis.opendocument.text" -> startsWith(head, ZIP);
            case "application/rtf", "text/rtf" -> startsWith(head, "{\\rtf".getBytes(StandardCharsets.US_ASCII));
            case "image/jpeg" -> startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case "image/png" -> startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            case "image/tiff" -> startsWith(head, new byte[] {'I', 'I', 42, 0}) || startsWith(head, new byte[] {'M', 'M', 0, 42});
            case "image/gif" -> startsWith(head, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                    || startsWith(head, "GIF89a".getBytes(StandardCharsets.US_ASCII));
            case "image/bmp" -> startsWith(head, new byte[] {'B', 'M'});
            case "application/dicom" -> head.length >= HEAD_BYTES && head[128] == 'D' && head[129] == 'I' && head[130] == 'C'
                    && head[131] == 'M';
            // Text has no marker: it must hold no NUL byte and not start as a program does.
            case "text/plain", "text/csv" -> isText(head);
            default -> false;
        };
    }

    private static boolean isText(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        return !startsWith(head, new byte[] {'M', 'Z'}) && !startsWith(head, new byte[] {0x7F, 'E', 'L', 'F'})
                && !startsWith(head, new byte[] {'#', '!'});
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The file's first {@link #HEAD_BYTES} bytes (fewer when shorter) and its size. */
    record Contents(byte[] head, long size) {
    }

    static Contents contents(FileValue file) {
        try (InputStream in = file.getValue()) {
            if (in == null) {
                return new Contents(new byte[0], 0);
            }
            byte[] head = in.readNBytes(HEAD_BYTES);
            long rest = in.transferTo(OutputStream.nullOutputStream());
            return new Contents(head, head.length + rest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
