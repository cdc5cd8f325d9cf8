package org.ersreferral.ers;

/** A030: one role the user holds at one organisation. */
public record ErsRole(String businessFunction, String odsCode, String organisationName) {
}
