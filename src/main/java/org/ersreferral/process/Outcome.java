package org.ersreferral.process;

/** How a referral ended; the process variable {@code outcome} holds its name. */
public enum Outcome {
    BOOKED, DEFERRED_TO_PROVIDER, SENT_FOR_TRIAGE, AWAITING_PATIENT_BOOKING, CANCELLED, SEARCH_ABANDONED
}
