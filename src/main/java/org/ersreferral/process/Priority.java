package org.ersreferral.process;

import java.util.Arrays;
import java.util.stream.Collectors;

/** e-RS referral priorities. */
public enum Priority {
    ROUTINE, URGENT, TWO_WEEK_WAIT;

    public static boolean isKnown(String code) {
        return Arrays.stream(values()).anyMatch(p -> p.name().equals(code));
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
