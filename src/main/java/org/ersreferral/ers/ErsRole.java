package org.ersreferral.ers;

import java.util.Map;

/** A030: one role the user holds at one organisation. */
public record ErsRole(String businessFunction, String odsCode, String organisationName) {

    /** e-RS's referrer business functions, in e-RS's own words; the provider ones are no work here. */
    public static final Map<String, String> REFERRER_FUNCTIONS = Map.of(
            "REFERRING_CLINICIAN", "Referring Clinician",
            "REFERRING_CLINICIAN_ADMIN", "Referring Clinician Admin",
            "REFERRING_ADMIN", "Referring Admin");

    /** A role a referring organisation's person may act in here: a referrer function at a named organisation. */
    public boolean referrer() {
        return businessFunction != null && REFERRER_FUNCTIONS.containsKey(businessFunction) && odsCode != null;
    }
}
