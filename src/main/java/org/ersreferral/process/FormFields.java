package org.ersreferral.process;

import static org.ersreferral.process.ReferralProcess.*;
import static org.ersreferral.process.ReferralVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ersreferral.security.Organisations;

/**
 * What a person may write into a referral, and only here: per user task, the fields of its form;
 * at the start, the start form's fields and those the GP system API adds. Everything else a
 * referral holds (UBRN, services, slots, outcome …) is the process's own and written only by it.
 * {@code FormFieldsTest} keeps these lists equal to the deployed forms.
 */
public final class FormFields {

    /** How a field's value must look when it comes in. */
    public enum Kind {
        /** A String (or nothing) of at most {@link Field#maxLength()} characters. */
        TEXT,
        /** A Boolean (or nothing). */
        FLAG,
        /** A JSON list of texts (e.g. service ids) as Json or String, of at most {@link Field#maxLength()} characters. */
        JSON_LIST,
        /** A File, e.g. a referral letter. */
        FILE
    }

    public record Field(String name, Kind kind, int maxLength) {
        static Field text(String name, int maxLength) {
            return new Field(name, Kind.TEXT, maxLength);
        }

        static Field text(ProcessVariable<String> variable, int maxLength) {
            return text(variable.name(), maxLength);
        }

        /** An enum variable comes in as its constant's name. */
        static Field code(ProcessVariable<? extends Enum<?>> variable) {
            return text(variable.name(), MAX_CODE);
        }

        static Field flag(ProcessVariable<Boolean> variable) {
            return new Field(variable.name(), Kind.FLAG, 0);
        }

        static Field list(ProcessVariable<? extends List<String>> variable, int maxLength) {
            return new Field(variable.name(), Kind.JSON_LIST, maxLength);
        }
    }

    /** Bounds of the text a person enters; also what {@code POST /api/referrals} allows. */
    public static final int MAX_NHS_NUMBER = 12;
    public static final int MAX_PATIENT_NAME = 100;
    public static final int MAX_CODE = 64;
    public static final int MAX_CLINICAL_TERM = 200;
    public static final int MAX_NAMED_CLINICIAN = 100;
    public static final int MAX_POSTCODE = 10;
    public static final int MAX_COMMENT = 1000;
    public static final int MAX_REQUEST_ID = 100;
    public static final int MAX_ID = 100;
    public static final int MAX_UBRN_INPUT = 20;
    public static final int MAX_SHORTLIST_JSON = 4000;

    /** File variables of the letter task: {@code referralLetter} and a number (the form offers 1–3). */
    public static final Pattern LETTER_FILE_NAME = Pattern.compile(Pattern.quote(LETTER_FILE_PREFIX) + "\\d{1,2}");

    /** The start form's fields ({@code forms/referral-start.form}). */
    public static final List<Field> START_FORM = List.of(
            Field.text(NHS_NUMBER, MAX_NHS_NUMBER), Field.text(PATIENT_NAME, MAX_PATIENT_NAME), Field.code(PRIORITY),
            Field.text(NAMED_CLINICIAN, MAX_NAMED_CLINICIAN), Field.text(POSTCODE, MAX_POSTCODE),
            Field.flag(PATIENT_LETTER_TASK));

    /**
     * What a GP system adds at the start ({@code POST /api/referrals}, {@code /engine-rest} start): the need, and
     * which of the caller's organisations requests it (needed only from a member of several).
     */
    public static final List<Field> START_API_EXTRA = List.of(
            Field.text(SPECIALTY, MAX_CODE), Field.text(CLINIC_TYPE, MAX_CODE), Field.text(CLINICAL_TERM, MAX_CLINICAL_TERM),
            Field.text(Organisations.START_VARIABLE, MAX_CODE));

    /** What a cancellation ({@code CancelReferral} message, {@code POST /api/referrals/{id}/cancel}) may carry. */
    public static final List<Field> CANCELLATION = List.of(Field.text(CANCELLATION_REASON, MAX_CODE),
            Field.text(CANCELLATION_COMMENT, MAX_COMMENT));

    /** The fields of each user task's form, by process definition key and task definition key. */
    public static final Map<String, Map<String, List<Field>>> TASK_FORMS = Map.of(
            PROCESS_KEY, referralTaskForms(), STEP_PROCESS_KEY, stepTaskForms(), FollowUp.PROCESS_KEY, followUpTaskForms(),
            WorklistSignIn.PROCESS_KEY, Map.of(WorklistSignIn.TASK_SIGN_IN_TO_REFRESH, List.of()));

    private FormFields() {
    }

    private static Map<String, List<Field>> referralTaskForms() {
        Map<String, List<Field>> forms = new LinkedHashMap<>();
        forms.put(TASK_DESCRIBE_NEED, List.of(Field.text(SPECIALTY, MAX_CODE), Field.text(CLINIC_TYPE, MAX_CODE),
                Field.text(CLINICAL_TERM, MAX_CLINICAL_TERM)));
        forms.put(TASK_REFINE_SEARCH, List.of(Field.text(SPECIALTY, MAX_CODE), Field.text(CLINIC_TYPE, MAX_CODE),
                Field.text(CLINICAL_TERM, MAX_CLINICAL_TERM), Field.text(NAMED_CLINICIAN, MAX_NAMED_CLINICIAN),
                Field.text(POSTCODE, MAX_POSTCODE), Field.flag(ABANDON_SEARCH)));
        forms.put(TASK_CHOOSE_SHORTLIST, List.of(Field.list(SHORTLIST, MAX_SHORTLIST_JSON), Field.text(BOOK_SERVICE_ID, MAX_ID)));
        // Letter files are added by name pattern (LETTER_FILE_NAME), as the form offers several.
        forms.put(TASK_ATTACH_REFERRAL_LETTER, List.of(Field.flag(ATTACH_LATER)));
        forms.put(TASK_CHOOSE_SLOT, List.of(Field.text(SLOT_ID, MAX_ID), Field.flag(DEFER_TO_PROVIDER),
                Field.text(DEFERRAL_COMMENT, MAX_COMMENT)));
        forms.put(TASK_GIVE_PATIENT_LETTER, List.of(Field.text(PATIENT_LETTER_HANDOVER, MAX_CODE)));
        forms.put(TASK_TAKE_ON_REFERRAL, List.of());
        return Map.copyOf(forms);
    }

    /** The follow-up's own tasks, and the referral's tasks it shares (same ids, same forms). */
    private static Map<String, List<Field>> followUpTaskForms() {
        Map<String, List<Field>> referral = referralTaskForms();
        Map<String, List<Field>> forms = new LinkedHashMap<>();
        for (String shared : List.of(TASK_CHOOSE_SHORTLIST, TASK_ATTACH_REFERRAL_LETTER, TASK_CHOOSE_SLOT, TASK_GIVE_PATIENT_LETTER)) {
            forms.put(shared, referral.get(shared));
        }
        forms.put(FollowUp.TASK_TAKE_ON_ERS_REFERRAL, List.of(Field.code(FollowUp.FOLLOW_UP_CHOICE)));
        forms.put(FollowUp.TASK_ACT_ON_RETURNED_REFERRAL, List.of(Field.code(FollowUp.FOLLOW_UP_CHOICE),
                Field.text(CANCELLATION_REASON, MAX_CODE), Field.text(CANCELLATION_COMMENT, MAX_COMMENT)));
        forms.put(FollowUp.TASK_CONTACT_PATIENT, List.of(Field.code(FollowUp.FOLLOW_UP_CHOICE), Field.text(BOOK_SERVICE_ID, MAX_ID),
                Field.text(CANCELLATION_REASON, MAX_CODE), Field.text(CANCELLATION_COMMENT, MAX_COMMENT)));
        forms.put(FollowUp.TASK_CHASE_PROVIDER, List.of(Field.code(FollowUp.FOLLOW_UP_CHOICE),
                Field.text(CANCELLATION_REASON, MAX_CODE), Field.text(CANCELLATION_COMMENT, MAX_COMMENT)));
        return Map.copyOf(forms);
    }

    private static Map<String, List<Field>> stepTaskForms() {
        return Map.of(TASK_RESOLVE_REJECTION, List.of(Field.text(RESOLUTION, MAX_CODE)),
                TASK_SIGN_IN_AGAIN, List.of(),
                TASK_RECONCILE_REFERRAL, List.of(Field.text(UBRN, MAX_UBRN_INPUT)));
    }

    /** Whether tasks of this process definition are a referral's (its own or its e-RS steps'), whose forms are checked. */
    public static boolean isReferralProcess(String processDefinitionKey) {
        return TASK_FORMS.containsKey(processDefinitionKey);
    }

    /** The start fields, form and API together. */
    public static List<Field> start() {
        return Stream.concat(START_FORM.stream(), START_API_EXTRA.stream()).toList();
    }

    /** The field {@code name} of the task's form; a letter file on the letter task; empty when not a field of it. */
    public static Optional<Field> ofTask(String processDefinitionKey, String taskDefinitionKey, String name) {
        if ((PROCESS_KEY.equals(processDefinitionKey) || FollowUp.PROCESS_KEY.equals(processDefinitionKey))
                && TASK_ATTACH_REFERRAL_LETTER.equals(taskDefinitionKey)
                && LETTER_FILE_NAME.matcher(name).matches()) {
            return Optional.of(new Field(name, Kind.FILE, 0));
        }
        return fieldsOf(processDefinitionKey, taskDefinitionKey).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private static List<Field> fieldsOf(String processDefinitionKey, String taskDefinitionKey) {
        return TASK_FORMS.getOrDefault(processDefinitionKey, Map.of()).getOrDefault(taskDefinitionKey, List.of());
    }

    public static Optional<Field> ofStart(String name) {
        return start().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Names of the task's fields, for messages. */
    public static List<String> namesOfTask(String processDefinitionKey, String taskDefinitionKey) {
        List<String> names = new ArrayList<>(fieldsOf(processDefinitionKey, taskDefinitionKey).stream()
                .map(Field::name).toList());
        if ((PROCESS_KEY.equals(processDefinitionKey) || FollowUp.PROCESS_KEY.equals(processDefinitionKey))
                && TASK_ATTACH_REFERRAL_LETTER.equals(taskDefinitionKey)) {
            names.add(LETTER_FILE_PREFIX + "<n>");
        }
        return names;
    }

    public static List<String> namesOfStart() {
        return start().stream().map(Field::name).toList();
    }
}
