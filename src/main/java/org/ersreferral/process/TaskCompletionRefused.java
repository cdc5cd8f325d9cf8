package org.ersreferral.process;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Thrown by a task's complete listener: the task stays open and Tasklist or REST (400) shows the
 * message to the coordinator.
 */
public class TaskCompletionRefused extends BadUserRequestException {

    public TaskCompletionRefused(String message) {
        super(message);
    }
}
