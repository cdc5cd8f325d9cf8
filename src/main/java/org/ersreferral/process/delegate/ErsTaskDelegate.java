package org.ersreferral.process.delegate;

import static org.ersreferral.process.ReferralProcess.ERROR_ERS_OUTCOME_UNKNOWN;
import static org.ersreferral.process.ReferralProcess.ERROR_ERS_REJECTED;
import static org.ersreferral.process.ReferralProcess.ERROR_ERS_UNAUTHORISED;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsException;
import org.ersreferral.process.ReferralVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One e-RS step per service task, and the one place e-RS failures become the model's routes:
 * business refusals and expired tokens are BPMN errors the model routes to a coordinator, and so is
 * a create with no answer (when {@link #unknownOutcomeToCoordinator()}); everything else (5xx, 429,
 * I/O, a state change to reconcile later) fails the job, which is retried and ends as an incident.
 */
abstract class ErsTaskDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(ErsTaskDelegate.class);

    @Override
    public final void execute(DelegateExecution execution) {
        ReferralVariables variables = ReferralVariables.of(execution);
        try {
            perform(variables, new ErsCall(execution.getProcessInstanceId(), execution.getCurrentActivityId()));
        } catch (ErsException e) {
            throw toModel(variables, execution, e);
        }
    }

    abstract void perform(ReferralVariables variables, ErsCall call);

    /** Whether a create that got no answer goes to a coordinator to check, rather than back to the job. */
    boolean unknownOutcomeToCoordinator() {
        return false;
    }

    /** Whether refusals go to a coordinator at all; cancelling, the way out of every problem, stays an incident instead. */
    boolean problemsToCoordinator() {
        return true;
    }

    private RuntimeException toModel(ReferralVariables variables, DelegateExecution execution, ErsException e) {
        if (problemsToCoordinator()) {
            if (e instanceof ErsException.Rejected || e instanceof ErsException.Conflict) {
                return problem(variables, execution, ERROR_ERS_REJECTED, e);
            }
            if (e instanceof ErsException.Unauthorised) {
                return problem(variables, execution, ERROR_ERS_UNAUTHORISED, e);
            }
            if (e instanceof ErsException.OutcomeUnknown && unknownOutcomeToCoordinator()) {
                return problem(variables, execution, ERROR_ERS_OUTCOME_UNKNOWN, e);
            }
        }
        // One line per failed attempt (the job executor's trace is left out, see OneLineErsRetries): the job
        // retries it, and once out of retries the incident keeps the whole story.
        LOG.warn("e-RS step {} of referral {} failed; the job retries it, then raises an incident: {}",
                execution.getCurrentActivityId(), execution.getProcessInstanceId(), describe(e));
        return new ErsCallFailed(e);
    }

    /**
     * What the job executor retries and, in the end, an operator reads in Cockpit's incident: which
     * operation, what e-RS answered, and its words. The e-RS exception stays the cause.
     */
    static final class ErsCallFailed extends RuntimeException {
        ErsCallFailed(ErsException cause) {
            super(describe(cause), cause);
        }
    }

    static String describe(ErsException e) {
        return e.operationId() + (e.status() > 0 ? " answered " + e.status() : " gave no answer")
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static BpmnError problem(ReferralVariables variables, DelegateExecution execution, String errorCode, ErsException e) {
        String message = describe(e);
        variables.recordErsProblem(errorCode, message, execution.getCurrentActivityId());
        variables.recordErsRefusal(e.status(), e.getMessage());
        return new BpmnError(errorCode, message);
    }
}
