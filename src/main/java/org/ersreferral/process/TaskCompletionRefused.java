package org.ersreferral.process;

/**
 * Thrown by a task's complete listener: the task stays open and Tasklist or REST (400) shows the
 * message to the coordinator.
 */
public class TaskCompletionRefused extends ReferralInputRefused {

    public TaskCompletionRefused(String message) {
        super(message);
    }
}
