package org.ersreferral.ers;

/** One free slot. */
public record Slot(String id, java.time.OffsetDateTime start, java.time.OffsetDateTime end, String scheduleName, String clinician) {
}
