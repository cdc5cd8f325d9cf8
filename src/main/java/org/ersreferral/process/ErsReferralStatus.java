package org.ersreferral.process;

import java.util.Locale;
import java.util.Map;

/** e-RS's referral statuses (A005) in the words a coordinator reads; e-RS's own code is never shown. */
public final class ErsReferralStatus {

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("BOOKED", "appointment booked"),
            Map.entry("NOT_BOOKED", "not booked yet"),
            Map.entry("AWAITING_TRIAGE", "waiting for triage"),
            Map.entry("TRIAGED_PROVIDER_TO_ACTION", "triaged: the provider is to act"),
            Map.entry("DEFERRED_TO_PROVIDER", "booking deferred to the provider"),
            Map.entry("CANCELLED", "cancelled"),
            Map.entry("CANCELLED_REFERRAL", "cancelled"),
            Map.entry("REJECTED", "returned by the provider"),
            Map.entry("TRIAGE_RESPONSE", "returned from triage with advice"),
            Map.entry("ASSESSMENT_RESULT", "returned after assessment"),
            Map.entry("APPT_CANCELLED_BY_PATIENT", "appointment cancelled by the patient"),
            Map.entry("APPT_CANCELLED_BY_PROVIDER", "appointment cancelled by the provider"),
            Map.entry("DID_NOT_ATTEND", "patient did not attend"));

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
