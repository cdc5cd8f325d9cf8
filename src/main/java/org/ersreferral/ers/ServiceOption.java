package org.ersreferral.ers;

/** One service found by A010. {@code bookableType} is DIRECTLY_BOOKABLE or INDIRECTLY_BOOKABLE; {@code triage} is true for a referral assessment service (RAS). */
public record ServiceOption(String id, String name, String bookableType, boolean triage, Integer indicativeWaitDays, Double distanceMiles, String location) {
}
