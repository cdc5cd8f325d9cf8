package org.ersreferral.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Makes tasks workable from a list: the name says what and for which referral (specialty and
 * priority, never patient identifiers; the letter task says the outcome instead of the priority),
 * two-week-wait work sorts first, and each task is due in time for its priority.
 */
@Component("referralTaskDetails")
public class ReferralTaskDetails implements TaskListener {

    /** Task priorities by referral priority: two-week wait first. */
    public static final int TWO_WEEK_WAIT_TASK_PRIORITY = 90;
    public static final int URGENT_TASK_PRIORITY = 70;
    public static final int ROUTINE_TASK_PRIORITY = 50;

    @Override
    public void notify(DelegateTask task) {
        describe(task, ReferralVariables.of(task));
    }

    /** Names, prioritises and schedules a task from its referral's variables (the tasks of ers-step pass the calling referral's). */
    static void describe(DelegateTask task, ReferralVariables variables) {
        String specialty = firstNonNull(variables.string(ReferralVariables.SPECIALTY_DISPLAY), variables.string(ReferralVariables.SPECIALTY));
        String priority = variables.priority();
        String priorityText = firstNonNull(variables.string(ReferralVariables.PRIORITY_DISPLAY), priority);
        String state = ReferralProcess.TASK_GIVE_PATIENT_LETTER.equals(task.getTaskDefinitionKey())
                ? outcomeWords(variables.string(ReferralVariables.OUTCOME))
                : priorityText == null ? null : priorityText.toLowerCase().replace('_', ' ');
        String about = specialty == null ? state : state == null ? specialty : specialty + ", " + state;
        if (about != null) {
            task.setName(task.getName() + " — " + about);
        }
        task.setPriority(taskPriority(priority));
        task.setDueDate(Date.from(Instant.now().plus(dueWithin(priority))));
    }

    /** The outcome as a coordinator says it, e.g. "booked". */
    static String outcomeWords(String outcome) {
        if (outcome == null) {
            return null;
        }
        return switch (outcome) {
            case "BOOKED" -> "booked";
            case "DEFERRED_TO_PROVIDER" -> "provider to book";
            case "SENT_FOR_TRIAGE" -> "sent for triage";
            case "AWAITING_PATIENT_BOOKING" -> "patient to book";
            default -> outcome.toLowerCase().replace('_', ' ');
        };
    }

    static int taskPriority(String referralPriority) {
        if ("TWO_WEEK_WAIT".equals(referralPriority)) {
            return TWO_WEEK_WAIT_TASK_PRIORITY;
        }
        return "URGENT".equals(referralPriority) ? URGENT_TASK_PRIORITY : ROUTINE_TASK_PRIORITY;
    }

    static Duration dueWithin(String referralPriority) {
        if ("TWO_WEEK_WAIT".equals(referralPriority)) {
            return Duration.ofHours(24);
        }
        return "URGENT".equals(referralPriority) ? Duration.ofDays(2) : Duration.ofDays(5);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
