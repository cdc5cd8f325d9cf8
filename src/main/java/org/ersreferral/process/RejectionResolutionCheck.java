package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** "Resolve e-RS rejection" completes with a decision: try the step again, or give up. */
@Component("rejectionResolutionCheck")
public class RejectionResolutionCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String resolution = ReferralVariables.of(task).string(ReferralVariables.RESOLUTION);
        if (!ReferralVariables.RESOLUTION_RETRY.equals(resolution) && !ReferralVariables.RESOLUTION_GIVE_UP.equals(resolution)) {
            throw new TaskCompletionRefused("Choose whether to try again (" + ReferralVariables.RESOLUTION_RETRY
                    + ") or give up (" + ReferralVariables.RESOLUTION_GIVE_UP + ")");
        }
    }
}
