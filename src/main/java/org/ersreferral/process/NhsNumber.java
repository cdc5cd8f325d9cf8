package org.ersreferral.process;

/** NHS number rules: ten digits, the last a modulus 11 check digit; and masking for logs. */
public final class NhsNumber {

    private NhsNumber() {
    }

    /** Why the value is not a valid NHS number, or null when it is. Spaces are allowed between groups. */
    public static String problem(String value) {
        if (value == null || value.isBlank()) {
            return "NHS number is required";
        }
        String digits = normalise(value);
        if (!digits.matches("\\d{10}")) {
            return "NHS number must be 10 digits";
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        if (check == 10 || check != digits.charAt(9) - '0') {
            return "NHS number check digit is wrong: please check the number was typed correctly";
        }
        return null;
    }

    public static String normalise(String value) {
        return value == null ? null : value.replaceAll("[\\s-]", "");
    }

    /** Safe for logs: only the last three digits. */
    public static String mask(String value) {
        String digits = normalise(value);
        if (digits == null || digits.length() < 4) {
            return "***";
        }
        return "*******" + digits.substring(digits.length() - 3);
    }

    /** For people who need to tell referrals apart (the timeline): the last four digits only, e.g. {@code *** *** 3888}. */
    public static String maskShowingLastFour(String value) {
        String digits = normalise(value);
        if (digits == null || digits.length() < 4) {
            return "*** *** ****";
        }
        return "*** *** " + digits.substring(digits.length() - 4);
    }

    /** For the referral's own coordinators: the whole number in NHS groups, e.g. {@code 999 123 4567}; other input unchanged. */
    public static String grouped(String nhsNumber) {
        String digits = normalise(nhsNumber);
        if (digits == null || !digits.matches("\\d{10}")) {
            return nhsNumber;
        }
        return digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
    }
}
