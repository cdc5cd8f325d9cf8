package org.ersreferral.process;

import java.util.Locale;
import java.util.Map;

/** e-RS's referral statuses (A005) in the words a coordinator reads; e-RS's own code is never shown. */
public final class ErsReferralStatus {

    private static final Map<String, String> WORDS = Map.of(
            "BOOKED", "appointment booked",
            "NOT_BOOKED", "not booked yet",
            "AWAITING_TRIAGE", "waiting for triage",
            "DEFERRED_TO_PROVIDER", "booking deferred to the provider",
            "CANCELLED", "cancelled",
            "CANCELLED_REFERRAL", "cancelled",
            "REJECTED", "returned by the provider");

    private ErsReferralStatus() {
    }

    /** Words for an e-RS status; one not listed is written as words ("AWAITING_X" reads "awaiting x"); null stays null. */
    public static String words(String status) {
        if (status == null || ReferralVariables.STATUS_UNKNOWN.equals(status)) {
            return null;
        }
        return WORDS.getOrDefault(status, status.replace('_', ' ').toLowerCase(Locale.UK));
    }
}
