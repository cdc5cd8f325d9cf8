package org.ersreferral.process;

/** The e-RS referral id (Unique Booking Reference Number): 12 digits, shown to people in groups of four. */
public final class Ubrn {

    private Ubrn() {
    }

    /** As e-RS shows it, e.g. {@code 0000 0000 0000}; a value that is not 12 digits is answered unchanged. */
    public static String grouped(String ubrn) {
        if (ubrn == null) {
            return null;
        }
        String digits = ubrn.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12}")) {
            return ubrn;
        }
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
    }
}
