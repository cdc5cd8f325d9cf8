package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Resolve e-RS rejection" completes with a decision: try the step again, give up and leave the
 * referral in e-RS as it is, or (only once e-RS has the referral) give up and cancel it there. After
 * a 400 or 404 the same request would be refused the same way, so only giving up is accepted. The
 * decision is also recorded on the referral, whose "given up" route reads it.
 */
@Component("rejectionResolutionCheck")
public class RejectionResolutionCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        String resolution = variables.get(ReferralVariables.RESOLUTION);
        ReferralVariables referral = ReferralVariables.of(ErsStepDelegates.referralScope(task));
        boolean cancelOffered = referral.ubrn() != null;
        if (!ReferralVariables.RESOLUTION_RETRY.equals(resolution) && !ReferralVariables.RESOLUTION_GIVE_UP.equals(resolution)
                && !(cancelOffered && ReferralVariables.RESOLUTION_CANCEL_IN_ERS.equals(resolution))) {
            throw new TaskCompletionRefused("Choose whether to try again (" + ReferralVariables.RESOLUTION_RETRY
                    + ") or give up (" + ReferralVariables.RESOLUTION_GIVE_UP
                    + (cancelOffered ? ", or " + ReferralVariables.RESOLUTION_CANCEL_IN_ERS + " to cancel the referral in e-RS" : "")
                    + ")");
        }
        Integer status = variables.get(ReferralVariables.ERS_ERROR_STATUS);
        if (ReferralVariables.RESOLUTION_RETRY.equals(resolution) && status != null && (status == 400 || status == 404)) {
            throw new TaskCompletionRefused("e-RS answered " + status + ": the same request would be refused again, so it cannot be"
                    + " retried; give up (" + ReferralVariables.RESOLUTION_GIVE_UP + ")");
        }
        referral.set(ReferralVariables.RESOLUTION, resolution);
    }
}
