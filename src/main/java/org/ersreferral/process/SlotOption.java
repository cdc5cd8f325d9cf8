package org.ersreferral.process;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.OffsetDateTime;

/**
 * A free slot as "Choose a slot" offers it ({@code value} is the slot id); start and end keep
 * e-RS's offset and are written as {@link OffsetDateTime#toString()}, so a booking sends them back unchanged.
 */
public record SlotOption(String value, String label,
                         @JsonSerialize(using = ToStringSerializer.class) OffsetDateTime start,
                         @JsonSerialize(using = ToStringSerializer.class) OffsetDateTime end,
                         String clinic, String clinician) {
}
