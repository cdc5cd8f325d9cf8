package org.ersreferral.process;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The start of a referral, checked the same way wherever it comes in ({@code POST /api/referrals},
 * {@code /engine-rest} start, Tasklist's start form): each problem is a sentence naming the field
 * and what it allows. Values the caller sent are never repeated back, so a message stays short and
 * holds no patient data.
 */
public final class StartInput {

    /** A request id (business key): what {@code referral_record.request_id} holds. */
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1," + FormFields.MAX_REQUEST_ID + "}");
    /** A UK postcode, e.g. {@code LS1 4AP}: outward code, optional space, inward code. */
    static final Pattern POSTCODE = Pattern.compile("\\s*[A-Za-z]{1,2}\\d[A-Za-z\\d]?\\s*\\d[A-Za-z]{2}\\s*");

    private StartInput() {
    }

    /** What is wrong with the optional patient name: a name, not a note; never repeated back. */
    public static String patientNameProblem(String patientName) {
        if (patientName == null || patientName.isBlank()) {
            return null;
        }
        if (tooLong(patientName, FormFields.MAX_PATIENT_NAME)) {
            return "patientName is longer than " + FormFields.MAX_PATIENT_NAME + " characters";
        }
        if (!printable(patientName)) {
            return "patientName must not hold control characters (line breaks, tabs …)";
        }
        if (patientName.chars().noneMatch(Character::isLetter)) {
            return "patientName must be the patient's name in letters, e.g. Jane Smith";
        }
        return null;
    }

    /** What is wrong with a request id; {@code optional} when the engine may pick one itself (a Tasklist start). */
    public static String requestIdProblem(String requestId, boolean optional) {
        if (requestId == null) {
            return optional ? null : "requestId is required: 1–" + FormFields.MAX_REQUEST_ID + " letters, digits, '.', '_', ':' or '-'";
        }
        if (requestId.length() > FormFields.MAX_REQUEST_ID) {
            return "requestId (business key) is longer than " + FormFields.MAX_REQUEST_ID + " characters";
        }
        if (!REQUEST_ID.matcher(requestId).matches()) {
            return "requestId (business key) must be 1–" + FormFields.MAX_REQUEST_ID + " letters, digits, '.', '_', ':' or '-'";
        }
        return null;
    }

    /**
     * Everything wrong with the start fields, lengths and forms; the e-RS codes are checked apart
     * ({@link ReferralCodes}) as that needs e-RS's reference data.
     */
    public static List<String> problems(String nhsNumber, String priority, String specialty, String clinicType,
                                        String clinicalTerm, String namedClinician, String postcode, boolean specialtyRequired) {
        List<String> problems = new ArrayList<>();
        if (tooLong(nhsNumber, FormFields.MAX_NHS_NUMBER)) {
            problems.add("nhsNumber is longer than " + FormFields.MAX_NHS_NUMBER + " characters (an NHS number is 10 digits)");
        } else {
            String nhsProblem = NhsNumber.problem(nhsNumber);
            if (nhsProblem != null) {
                problems.add(nhsProblem);
            }
        }
        if (priority == null || priority.isBlank()) {
            problems.add("priority is required (one of " + Priority.allowed() + ")");
        } else if (tooLong(priority, FormFields.MAX_CODE) || !Priority.isKnown(priority)) {
            problems.add(tooLong(priority, FormFields.MAX_CODE) || !printable(priority)
                    ? "priority is unknown (use one of " + Priority.allowed() + ")"
                    : "priority '" + priority + "' is unknown (use one of " + Priority.allowed() + ")");
        }
        if (specialtyRequired && (specialty == null || specialty.isBlank())) {
            problems.add("specialty is required");
        }
        bounded(problems, ReferralVariables.SPECIALTY.name(), specialty, FormFields.MAX_CODE);
        bounded(problems, ReferralVariables.CLINIC_TYPE.name(), clinicType, FormFields.MAX_CODE);
        bounded(problems, ReferralVariables.CLINICAL_TERM.name(), clinicalTerm, FormFields.MAX_CLINICAL_TERM);
        bounded(problems, ReferralVariables.NAMED_CLINICIAN.name(), namedClinician, FormFields.MAX_NAMED_CLINICIAN);
        if (postcode != null && !postcode.isBlank() && (tooLong(postcode, FormFields.MAX_POSTCODE)
                || !POSTCODE.matcher(postcode).matches())) {
            problems.add("postcode must be a UK postcode such as LS1 4AP (letters and digits, at most "
                    + FormFields.MAX_POSTCODE + " characters)");
        }
        return problems;
    }

    private static void bounded(List<String> problems, String field, String value, int max) {
        if (tooLong(value, max)) {
            problems.add(field + " is longer than " + max + " characters");
        } else if (value != null && !printable(value)) {
            problems.add(field + " must not hold control characters (line breaks, tabs …)");
        }
    }

    static boolean tooLong(String value, int max) {
        return value != null && value.length() > max;
    }

    /** No control characters: they would split a log line or a CSV cell. */
    static boolean printable(String value) {
        return value.chars().noneMatch(Character::isISOControl);
    }
}
