package org.ersreferral.ers;

/** A020 input: one referral letter file. */
public record LetterFile(String fileName, String contentType, byte[] content) {
}
