package org.ersreferral.ers;

/** The worklists a referring organisation may fetch (A008, eRS-ReferralListSelector-1); e-RS allows referrers no filters. */
public enum WorklistType {
    /** Referrals a triage service rejected or answered. */
    REJECTED_TRIAGE_RESPONSE,
    /** Referrals returned after assessment, cancelled, or whose patient did not attend. */
    ASSESSMENT_RETURNED_CANCELLED_DNA,
    /** Referrals with no current appointment (not booked, deferred, appointment cancelled). */
    AWAITING_BOOKING,
    /** Referrals still waiting for their referral letter. */
    LETTERS_OUTSTANDING
}
