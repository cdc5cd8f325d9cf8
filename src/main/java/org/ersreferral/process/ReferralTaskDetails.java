package org.ersreferral.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Makes tasks workable from a list: the name says what and for which referral (specialty and
 * priority, never patient identifiers), two-week-wait work sorts first, and each task is due in
 * time for its priority.
 */
@Component("referralTaskDetails")
public class ReferralTaskDetails implements TaskListener {

    /** Task priorities by referral priority: two-week wait first. */
    public static final int TWO_WEEK_WAIT_TASK_PRIORITY = 90;
    public static final int URGENT_TASK_PRIORITY = 70;
    public static final int ROUTINE_TASK_PRIORITY = 50;

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        String specialty = firstNonNull(variables.string(ReferralVariables.SPECIALTY_DISPLAY), variables.string(ReferralVariables.SPECIALTY));
        String priority = variables.priority();
        String priorityText = firstNonNull(variables.string(ReferralVariables.PRIORITY_DISPLAY), priority);
        if (specialty != null) {
            task.setName(task.getName() + " — " + specialty + (priorityText == null ? "" : ", " + priorityText.toLowerCase().replace('_', ' ')));
        }
        task.setPriority(taskPriority(priority));
        task.setDueDate(Date.from(Instant.now().plus(dueWithin(priority))));
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
