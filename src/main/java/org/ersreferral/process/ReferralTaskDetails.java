package org.ersreferral.process;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Makes tasks workable from a list: the name says what and for which referral (specialty and
 * priority, never patient identifiers; the letter task says the outcome instead of the priority),
 * two-week-wait work sorts first, each task is due in time for its priority, and the task carries
 * whose referral it is for the list and its form ({@link TaskContext}).
 */
@Component("referralTaskDetails")
public class ReferralTaskDetails implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        describe(task, ReferralVariables.of(task));
    }

    /** Names, prioritises and schedules a task from its referral's variables (the tasks of ers-step pass the calling referral's). */
    static void describe(DelegateTask task, ReferralVariables variables) {
        String specialty = firstNonNull(variables.get(ReferralVariables.SPECIALTY_DISPLAY), words(variables.get(ReferralVariables.SPECIALTY)));
        Priority priority = variables.priority();
        Outcome outcome = variables.outcomeSoFar();
        String state = ReferralProcess.TASK_GIVE_PATIENT_LETTER.equals(task.getTaskDefinitionKey())
                ? outcome == null ? null : outcome.words()
                : priority == null ? null : priority.words();
        String about = specialty == null ? state : state == null ? specialty : specialty + ", " + state;
        if (about != null) {
            task.setName(task.getName() + " — " + about);
        }
        // Validated at the start; a task without one is worked as routine.
        Priority workedAs = Objects.requireNonNullElse(priority, Priority.ROUTINE);
        task.setPriority(workedAs.taskPriority());
        task.setDueDate(Date.from(Instant.now().plus(workedAs.taskDueWithin())));
        TaskContext.show(task, variables);
    }

    /** A code read as words ("CARDIOLOGY" as "Cardiology") while e-RS's display name is not known. */
    private static String words(String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        String words = code.replace('_', ' ').toLowerCase(Locale.UK);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
