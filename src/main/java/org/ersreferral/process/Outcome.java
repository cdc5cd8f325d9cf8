package org.ersreferral.process;

import java.util.Arrays;

/** How a referral ended; the process variable {@code outcome} holds its name. */
public enum Outcome {
    BOOKED("Appointment booked"),
    DEFERRED_TO_PROVIDER("Booking deferred to provider"),
    SENT_FOR_TRIAGE("Sent for triage"),
    AWAITING_PATIENT_BOOKING("Awaiting patient booking"),
    CANCELLED("Referral cancelled"),
    SEARCH_ABANDONED("Search abandoned"),
    /** A coordinator gave up an e-RS step and chose not to cancel the referral e-RS already has. */
    LEFT_IN_ERS("Given up, left in e-RS as it is");

    private final String displayName;

    Outcome(String displayName) {
        this.displayName = displayName;
    }

    /** In business language, for people reading reports. */
    public String displayName() {
        return displayName;
    }

    /** The display name of a stored outcome value; the value itself when it is not (or no longer) one of these. */
    public static String displayNameOf(String value) {
        return Arrays.stream(values()).filter(outcome -> outcome.name().equals(value)).findFirst()
                .map(Outcome::displayName).orElse(value);
    }
}
