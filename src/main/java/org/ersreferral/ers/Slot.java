package org.ersreferral.ers;

import java.time.OffsetDateTime;

/** One free slot. */
public record Slot(String id, OffsetDateTime start, OffsetDateTime end, String scheduleName, String clinician) {
}
