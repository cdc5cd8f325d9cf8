package org.ersreferral.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Stands in for the {@code ersStatesSeen} bean in process tests: where the follow-up recorded which e-RS state. */
public class StatesSeenRecorder {

    final List<String> seen = new ArrayList<>();

    public void record(DelegateExecution execution) {
        seen.add(execution.getCurrentActivityId() + ":" + execution.getVariable(FollowUp.ERS_STATUS.name()));
    }
}
