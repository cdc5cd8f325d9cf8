package org.ersreferral.process;

/** A referral letter file uploaded to e-RS: which file variable it came from and where e-RS keeps it. */
public record LetterUpload(String variable, String url, String fileName, String contentType, long size) {
}
