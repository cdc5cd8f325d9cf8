package org.ersreferral.process;

/** A found service a slot can be booked at here, as "Choose a slot" offers it. */
public record BookableService(String value, String label) {
}
