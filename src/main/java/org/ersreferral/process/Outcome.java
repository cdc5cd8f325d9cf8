package org.ersreferral.process;

import static org.ersreferral.process.ReferralProcess.*;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a referral ended; the process variable {@code outcome} holds its name. Each outcome names the
 * events that record it and, when e-RS took the referral on, the kind of letter the patient gets.
 */
public enum Outcome {
    BOOKED("Appointment booked", "booked", "appointment-booked", END_APPOINTMENT_BOOKED),
    DEFERRED_TO_PROVIDER("Booking deferred to provider", "provider to book", "booking-deferred-to-provider",
            END_BOOKING_DEFERRED),
    SENT_FOR_TRIAGE("Sent for triage", "sent for triage", "sent-for-triage", END_SENT_FOR_TRIAGE),
    /** Recorded already at "Patient to book", so the letter and its task say so. */
    AWAITING_PATIENT_BOOKING("Awaiting patient booking", "patient to book", "shortlist-to-book", EVENT_PATIENT_TO_BOOK,
            END_AWAITING_PATIENT_BOOKING),
    CANCELLED("Referral cancelled", "cancelled", null, END_REFERRAL_CANCELLED, END_REJECTED_REFERRAL_CANCELLED),
    SEARCH_ABANDONED("Search abandoned", "search abandoned", null, END_SEARCH_ABANDONED, END_GIVEN_UP_BEFORE_REFERRAL),
    /** A coordinator gave up an e-RS step and chose not to cancel the referral e-RS already has. */
    LEFT_IN_ERS("Given up, left in e-RS as it is", "left in ers", null, END_LEFT_IN_ERS);

    private final String displayName;
    private final String words;
    private final String letterKind;
    private final List<String> events;

    Outcome(String displayName, String words, String letterKind, String... events) {
        this.displayName = displayName;
        this.words = words;
        this.letterKind = letterKind;
        this.events = List.of(events);
    }

    /** In business language, for people reading reports. */
    public String displayName() {
        return displayName;
    }

    /** As a coordinator says it in a task name, e.g. "booked". */
    public String words() {
        return words;
    }

    /** Which patient letter this outcome's is, as its file name says it; empty when the referral gets none. */
    public Optional<String> letterKind() {
        return Optional.ofNullable(letterKind);
    }

    /** Ids of the events (end events, and "Patient to book") that record this outcome. */
    public List<String> events() {
        return events;
    }

    /** The outcome the event records. */
    public static Outcome recordedAt(String eventId) {
        return Arrays.stream(values()).filter(outcome -> outcome.events.contains(eventId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No outcome is recorded at " + eventId));
    }

    /** The display name of a stored outcome value; the value itself when it is not (or no longer) one of these. */
    public static String displayNameOf(String value) {
        return Arrays.stream(values()).filter(outcome -> outcome.name().equals(value)).findFirst()
                .map(Outcome::displayName).orElse(value);
    }
}
