package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Resolve e-RS rejection" completes with a decision: try the step again, or give up. After a 400
 * or 404 the same request would be refused the same way, so only giving up is accepted.
 */
@Component("rejectionResolutionCheck")
public class RejectionResolutionCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        String resolution = variables.string(ReferralVariables.RESOLUTION);
        if (!ReferralVariables.RESOLUTION_RETRY.equals(resolution) && !ReferralVariables.RESOLUTION_GIVE_UP.equals(resolution)) {
            throw new TaskCompletionRefused("Choose whether to try again (" + ReferralVariables.RESOLUTION_RETRY
                    + ") or give up (" + ReferralVariables.RESOLUTION_GIVE_UP + ")");
        }
        String status = ReferralVariables.of(task.getExecution()).string(ReferralVariables.ERS_ERROR_STATUS);
        if (ReferralVariables.RESOLUTION_RETRY.equals(resolution) && ("400".equals(status) || "404".equals(status))) {
            throw new TaskCompletionRefused("e-RS answered " + status + ": the same request would be refused again, so it cannot be"
                    + " retried; give up (" + ReferralVariables.RESOLUTION_GIVE_UP + ")");
        }
    }
}
