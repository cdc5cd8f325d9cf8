package org.ersreferral.ers;

/** A036 input. */
public record Cancellation(String ubrn, String version, String reasonCode, String comment) {
}
