package org.ersreferral.ers;

/** A012 input: an uploaded file, by its A020 url. */
public record LetterAttachment(String url, String fileName, String contentType, long size) {
}
