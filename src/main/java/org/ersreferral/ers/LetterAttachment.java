package org.ersreferral.ers;

import java.time.Instant;

/**
 * A012 input: an uploaded file, by its A020 url.
 *
 * @param description what the document is, shown to the provider; optional
 * @param indexed     when the document was added to the referral; null means now
 */
public record LetterAttachment(String url, String fileName, String contentType, long size, String description,
                               Instant indexed) {

    public LetterAttachment(String url, String fileName, String contentType, long size) {
        this(url, fileName, contentType, size, null, null);
    }
}
