package org.ersreferral.ers;

/**
 * The states of a referral a referrer sees (eRS-ReferralState-1), as A005, A008 and A036 report them.
 * Worklist items (A008) spell two of them {@code APP_CANCELLED_BY_*} where A005 spells them
 * {@code APPT_CANCELLED_BY_*}: both spellings are the one value here.
 */
public enum ReferralStatus {
    NOT_BOOKED,
    BOOKED,
    DEFERRED_TO_PROVIDER,
    AWAITING_TRIAGE,
    TRIAGED_PROVIDER_TO_ACTION,
    TRIAGE_RESPONSE,
    REJECTED,
    ASSESSMENT_RESULT,
    APPT_CANCELLED_BY_PATIENT,
    APPT_CANCELLED_BY_PROVIDER,
    DID_NOT_ATTEND,
    CANCELLED_REFERRAL,
    /** A state this application does not know (a newer e-RS, a provider's state): read, never guessed at. */
    OTHER;

    /** The value of an e-RS state code, either spelling; null for none. */
    public static ReferralStatus fromCode(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String normalised = code.trim().replaceFirst("^APP_CANCELLED_BY_", "APPT_CANCELLED_BY_");
        for (ReferralStatus status : values()) {
            if (status != OTHER && status.name().equals(normalised)) {
                return status;
            }
        }
        return OTHER;
    }
}
