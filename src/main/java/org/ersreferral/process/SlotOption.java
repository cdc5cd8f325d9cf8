package org.ersreferral.process;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.OffsetDateTime;

/**
 * A free slot as "Choose a slot" offers it ({@code value} is the slot id, {@code label} date, time,
 * clinic, location and clinician in words); start and end keep e-RS's offset and are written as
 * {@link OffsetDateTime#toString()}, so a booking sends them back unchanged. {@code clinician} is the
 * named clinician's SDS user id, which the booking sends; {@code clinicianName} how e-RS displays them.
 */
public record SlotOption(String value, String label,
                         @JsonSerialize(using = ToStringSerializer.class) OffsetDateTime start,
                         @JsonSerialize(using = ToStringSerializer.class) OffsetDateTime end,
                         String clinic, String clinician, String location, String clinicianName) {

    public SlotOption(String value, String label, OffsetDateTime start, OffsetDateTime end, String clinic, String clinician) {
        this(value, label, start, end, clinic, clinician, null, null);
    }
}
