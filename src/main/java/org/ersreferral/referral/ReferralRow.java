package org.ersreferral.referral;

import java.time.Instant;
import java.util.List;

/**
 * One referral of {@code GET /api/referrals}, as a coordinator of its organisation reads it: words for
 * every code (the code beside it for scripts), the patient, and what can be done with it now.
 *
 * @param patient        null when the referral's variables are no longer kept (its history was cleaned up)
 * @param ubrn           grouped as e-RS shows it ({@code 0000 0000 0000}); null before e-RS has the referral
 * @param status         {@code ACTIVE} or {@code COMPLETED}
 * @param statusText     "In progress", "Finished", or "Stopped" for an instance an administrator deleted
 * @param currentSteps   open tasks (with their ids, to open them in Tasklist) or, while the application
 *                       works on its own (an e-RS call), the step it is at; empty once finished
 * @param outcome        the outcome in words; null until finished
 * @param patientLetter  the download link once the patient letter exists
 * @param cancellable    whether {@code POST /api/referrals/{requestId}/cancel} would be taken now
 * @param ersState       once sent and followed: the latest state e-RS had it in, in words; null before
 * @param ersStateCode   that state as e-RS names it, for scripts
 * @param needsAction    a task of its follow-up is open: e-RS handed it back, or it waits too long
 */
public record ReferralRow(String requestId, Patient patient, String ubrn, String specialty, String specialtyCode,
                          String priority, String priorityCode, String status, String statusText,
                          List<Step> currentSteps, String outcome, String outcomeCode, Instant requestedAt,
                          Instant finishedAt, String patientLetter, boolean cancellable, String organisation,
                          String ersState, String ersStateCode, boolean needsAction) {

    /** @param nhsNumber grouped, {@code 999 123 4567}; @param name null when not known */
    public record Patient(String nhsNumber, String name) {
    }

    /** @param taskId null for a step that is no user task; @param assignee who claimed the task, if anyone */
    public record Step(String name, String taskId, String assignee) {
    }

    /** A page of rows, newest first; {@code more}: further rows exist past {@code offset + rows}. */
    public record Page(List<ReferralRow> referrals, int offset, int limit, boolean more) {
    }
}
