package org.ersreferral.process;

/** The e-RS Unique Booking Reference Number as people read and type it: twelve digits in groups of four. */
public final class Ubrn {

    private Ubrn() {
    }

    /** e.g. {@code 0000 4567 8901} for {@code 000045678901}; other input unchanged. */
    public static String grouped(String ubrn) {
        String digits = digitsOf(ubrn);
        if (digits == null || !digits.matches("\\d{12}")) {
            return ubrn;
        }
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
    }

    /** What was typed without its grouping spaces (or dashes), e.g. for a search. */
    public static String digitsOf(String ubrn) {
        return ubrn == null ? null : ubrn.trim().replaceAll("[\\s-]", "");
    }
}
