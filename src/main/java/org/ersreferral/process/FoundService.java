package org.ersreferral.process;

/**
 * A service the search found, as "Choose a shortlist" lists it ({@code value}, {@code label}) with
 * the bookable type and triage flag the shortlist rules need.
 */
public record FoundService(String value, String label, String name, String bookableType, boolean triage,
                           Integer indicativeWaitDays, Double distanceMiles, String location) {
}
