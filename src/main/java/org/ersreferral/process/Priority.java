package org.ersreferral.process;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * e-RS referral priorities, with what each means for the work: two-week-wait referrals sort first in
 * Tasklist, are due soonest and are worked fastest.
 */
public enum Priority {
    ROUTINE("Routine", 50, Duration.ofDays(5), 1),
    URGENT("Urgent", 70, Duration.ofDays(2), 2),
    TWO_WEEK_WAIT("Two-week wait", 90, Duration.ofHours(24), 5);

    private final String displayName;
    private final int taskPriority;
    private final Duration taskDueWithin;
    private final int workSpeedUp;

    Priority(String displayName, int taskPriority, Duration taskDueWithin, int workSpeedUp) {
        this.displayName = displayName;
        this.taskPriority = taskPriority;
        this.taskDueWithin = taskDueWithin;
        this.workSpeedUp = workSpeedUp;
    }

    /**
     * The one name people read for it, in every form, list, task name and report (e-RS's own code
     * system spells it differently, e.g. "2 Week Wait").
     */
    public String displayName() {
        return displayName;
    }

    /** As a task name says it, e.g. "two-week wait". */
    public String words() {
        return displayName.toLowerCase(Locale.UK);
    }

    /** Tasklist's task priority for the referral's tasks. */
    public int taskPriority() {
        return taskPriority;
    }

    /** How soon a task of the referral is due. */
    public Duration taskDueWithin() {
        return taskDueWithin;
    }

    /** How long coordinators take over work that takes {@code routine} for a routine referral. */
    public Duration workedWithin(Duration routine) {
        return routine.dividedBy(workSpeedUp);
    }

    public static boolean isKnown(String code) {
        return Arrays.stream(values()).anyMatch(p -> p.name().equals(code));
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
