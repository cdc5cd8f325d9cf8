package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Whose referral a task is, for the coordinators of the referral's organisation: patient (name where
 * known and NHS number in groups), request id, UBRN in groups once e-RS has one, priority and specialty
 * in words. Set task-local when the task is created, so Tasklist's list (the filters' variables) and
 * every form read the same values from the task itself, the tasks of {@code ers-step} included. A value
 * not known yet is left out rather than set empty: Tasklist shows an empty variable as "&lt;Empty&gt;".
 * The engine's tenant checks keep the task, and so these values, to the referral's organisation; the
 * task's name stays free of them, since names are copied into history.
 */
final class TaskContext {

    private TaskContext() {
    }

    static void show(DelegateTask task, ReferralVariables referral) {
        setIfKnown(task, ReferralVariables.PATIENT_DISPLAY, patientDisplay(referral.get(ReferralVariables.PATIENT_NAME),
                referral.nhsNumber()));
        setIfKnown(task, ReferralVariables.REQUEST_ID, referral.get(ReferralVariables.REQUEST_ID));
        setIfKnown(task, ReferralVariables.UBRN_DISPLAY, Ubrn.grouped(referral.ubrn()));
        Priority priority = referral.priority();
        setIfKnown(task, ReferralVariables.PRIORITY_DISPLAY, priority == null ? null : priority.displayName());
        setIfKnown(task, ReferralVariables.SPECIALTY_DISPLAY, referral.get(ReferralVariables.SPECIALTY_DISPLAY));
    }

    /** e.g. "Jane Smith, NHS number 991 200 3888", or the NHS number alone when no name was given. */
    static String patientDisplay(String name, String nhsNumber) {
        if (nhsNumber == null) {
            return name;
        }
        String number = "NHS number " + NhsNumber.grouped(nhsNumber);
        return name == null ? number : name + ", " + number;
    }

    private static void setIfKnown(DelegateTask task, ProcessVariable<String> variable, String value) {
        if (value != null && !value.isBlank()) {
            variable.setLocal(task, value);
        }
    }
}
