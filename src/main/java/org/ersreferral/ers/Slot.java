package org.ersreferral.ers;

import java.time.OffsetDateTime;

/**
 * One free slot; {@code clinician} is the named clinician's SDS user id (what a booking sends back),
 * {@code clinicianName} how e-RS displays them, when it does.
 */
public record Slot(String id, OffsetDateTime start, OffsetDateTime end, String scheduleName, String clinician, String clinicianName) {

    public Slot(String id, OffsetDateTime start, OffsetDateTime end, String scheduleName, String clinician) {
        this(id, start, end, scheduleName, clinician, null);
    }
}
