package org.ersreferral.process.step;

import java.time.Instant;

/**
 * One state-changing e-RS request as the journal holds it. Only references e-RS gave back (UBRN,
 * version, appointment id, Binary url) are kept: never patient data, never a token.
 *
 * @param requestKey      what was asked, e.g. {@code BOOK:11002:slot-2}, so a different request is never taken for this one
 * @param attempt         1 for the first request under this key, one more for each that was not applied
 * @param sentVersion     the referral version the request named, if it named one
 * @param answerReference the appointment id (A016) or the Binary url (A020) e-RS answered with
 */
public record JournalEntry(long id, String processInstanceId, String step, String operation, String requestKey,
                           int attempt, Status status, Instant sentAt, String sentVersion, String answerUbrn,
                           String answerVersion, String answerReference) {

    public enum Status {
        /** Journalled before sending; no answer has arrived (yet). */
        SENT,
        /** e-RS answered that it applied it: never send it again, use the answer. */
        ANSWERED,
        /** Not applied (refused, or e-RS shows it was not made) or handed to a coordinator: a new attempt may be sent. */
        CLOSED
    }

    boolean answered() {
        return status == Status.ANSWERED;
    }

    boolean unanswered() {
        return status == Status.SENT;
    }
}
