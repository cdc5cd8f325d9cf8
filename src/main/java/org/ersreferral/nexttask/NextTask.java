package org.ersreferral.nexttask;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Where a referral stands for the coordinator who just completed one of its tasks, in words they
 * can act on. Only the fields of its {@link State} are set.
 *
 * @param state    what happened
 * @param message  the same in words for the coordinator
 * @param taskId   {@link State#NEXT_TASK} (claimed for the caller) and {@link State#WITH_COLLEAGUE}
 * @param taskName the task's name (never patient identifiers)
 * @param assignee {@link State#WITH_COLLEAGUE}: the user id of the colleague who has it
 * @param outcome  {@link State#FINISHED}: the outcome's code, e.g. {@code BOOKED}
 * @param retryAt  {@link State#RETRYING}: when e-RS is asked again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NextTask(State state, String message, String taskId, String taskName, String assignee, String outcome,
                       Instant retryAt) {

    public enum State {
        /** The referral's next task, assigned to the caller. */
        NEXT_TASK,
        /** The next task is assigned to someone else. */
        WITH_COLLEAGUE,
        /** The referral has ended. */
        FINISHED,
        /** e-RS is still being asked; ask again. */
        WORKING,
        /** e-RS failed to answer and is asked again by itself at {@code retryAt}; ask again. */
        RETRYING,
        /** e-RS could not be reached after every retry: the step waits for an administrator (an incident). */
        STUCK
    }

    static NextTask task(String taskId, String taskName) {
        return new NextTask(State.NEXT_TASK, "Next: " + taskName, taskId, taskName, null, null, null);
    }

    static NextTask withColleague(String taskId, String taskName, String assignee) {
        return new NextTask(State.WITH_COLLEAGUE, "The referral's next task, " + taskName + ", is with " + assignee
                + ". It stays in their list; ask them if it should be yours.", taskId, taskName, assignee, null, null);
    }

    static NextTask finished(String outcome, String outcomeName) {
        return new NextTask(State.FINISHED, outcomeName == null ? "The referral has finished."
                : "The referral has finished: " + outcomeName + ".", null, null, null, outcome, null);
    }

    static NextTask working(String step) {
        return new NextTask(State.WORKING, step == null ? "Working on it: the referral is still being processed."
                : "Working on it: e-RS is being asked (" + step + ").", null, null, null, null, null);
    }

    static NextTask retrying(String step, Instant retryAt) {
        return new NextTask(State.RETRYING, "e-RS did not answer" + (step == null ? "" : " (" + step + ")")
                + ". It is asked again automatically; nothing for you to do.", null, null, null, null, retryAt);
    }

    static NextTask stuck(String step) {
        return new NextTask(State.STUCK, "e-RS could not be reached" + (step == null ? "" : " (" + step + ")")
                + ", even after several tries. The step now waits for an administrator to retry it;"
                + " the referral's next task then appears in your list.", null, null, null, null, null);
    }
}
