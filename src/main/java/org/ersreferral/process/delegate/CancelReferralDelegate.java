package org.ersreferral.process.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.ersreferral.ers.Cancellation;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A036: cancels the referral in e-RS. Cancelling is the way out of every other problem, so a
 * failure here is not routed to a coordinator task: it stays an incident an operator can see and
 * retry in Cockpit. A referral e-RS already shows as cancelled is not cancelled again.
 */
@Component("cancelReferralDelegate")
class CancelReferralDelegate implements JavaDelegate {

    /** e-RS referral state of a cancelled referral (Extension-eRS-ReferralState-1). */
    static final String CANCELLED_STATE = "CANCELLED_REFERRAL";
    /**
     * e-RS refuses the default reason (REFERRER_CANCELLATION) without a comment, so a cancellation
     * nobody commented on says why it happened.
     */
    static final String COMMENT_ON_REQUEST = "Cancelled at the referrer's request";
    static final String COMMENT_AFTER_REJECTION = "Cancelled by the referral coordinator after e-RS refused a step of the referral";

    private final ErsClient ers;

    CancelReferralDelegate(ErsClient ers) {
        this.ers = ers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        try {
            cancel(execution);
        } catch (ErsException e) {
            throw new ErsTaskDelegate.ErsCallFailed(e);
        }
    }

    private void cancel(DelegateExecution execution) {
        ReferralVariables variables = ReferralVariables.of(execution);
        ErsCall call = new ErsCall(execution.getProcessInstanceId(), execution.getCurrentActivityId());
        ReferralState current = ers.retrieveReferral(call, variables.ubrn());
        if (!CANCELLED_STATE.equals(current.status())) {
            String reason = variables.string(ReferralVariables.CANCELLATION_REASON);
            String comment = variables.string(ReferralVariables.CANCELLATION_COMMENT);
            if (comment == null) {
                comment = ReferralProcess.TASK_CANCEL_REJECTED_REFERRAL.equals(execution.getCurrentActivityId())
                        ? COMMENT_AFTER_REJECTION : COMMENT_ON_REQUEST;
            }
            ReferralState cancelled = ers.cancelReferral(call, new Cancellation(variables.ubrn(), current.version(),
                    reason == null ? ReferralVariables.DEFAULT_CANCELLATION_REASON : reason, comment));
            current = cancelled;
        }
        variables.set(ReferralVariables.REFERRAL_STATUS, current.status());
        variables.set(ReferralVariables.REFERRAL_VERSION, current.version());
        variables.setOutcome(Outcome.CANCELLED);
    }
}
