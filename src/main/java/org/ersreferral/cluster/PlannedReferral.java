package org.ersreferral.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A referral a coordinator will drive: its request id (business key), a patient NHS number of its
 * own (so e-RS's referrals can be matched to it), and the way it is meant to end.
 */
public record PlannedReferral(String requestId, String nhsNumber, Path path) {

    /** Where the coordinator takes it: which service they shortlist, and so which e-RS calls it makes. */
    public enum Path {
        /** A directly bookable cardiology service with free slots: create (A011), slots (A015), book (A016). */
        BOOK("LIPID_MANAGEMENT", "11002", true),
        /** A directly bookable service with no free slots: create, then deferred to the provider (A016). */
        DEFER("HEART_FAILURE", "11021", true),
        /** A triage (RAS) service: create, then sent into triage (A016). */
        TRIAGE("CHEST_PAIN", "50001", false),
        /** Indirectly bookable services: create, the patient books. */
        PATIENT_BOOKS("HEART_FAILURE", "51002", false);

        final String clinicType;
        final String serviceId;
        final boolean bookNow;

        Path(String clinicType, String serviceId, boolean bookNow) {
            this.clinicType = clinicType;
            this.serviceId = serviceId;
            this.bookNow = bookNow;
        }

        public String clinicType() {
            return clinicType;
        }

        public String serviceId() {
            return serviceId;
        }

        public boolean bookNow() {
            return bookNow;
        }
    }

    /**
     * {@code count} referrals with request ids {@code <prefix>-<n>}, the paths taken in turn, and
     * distinct valid NHS numbers in the 999 range (which the NHS never issues).
     */
    public static List<PlannedReferral> plan(String prefix, int count) {
        List<PlannedReferral> referrals = new ArrayList<>(count);
        Path[] paths = Path.values();
        int serial = 0;
        for (int i = 0; i < count; i++) {
            String nhsNumber;
            do {
                nhsNumber = withCheckDigit(String.format("999%06d", serial++));
            } while (nhsNumber == null);
            referrals.add(new PlannedReferral(prefix + "-" + (i + 1), nhsNumber, paths[i % paths.length]));
        }
        return referrals;
    }

    /** The nine digits and their modulus 11 check digit, or null where none exists (remainder 10). */
    static String withCheckDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nineDigits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            return null;
        }
        return nineDigits + (check == 11 ? 0 : check);
    }
}
