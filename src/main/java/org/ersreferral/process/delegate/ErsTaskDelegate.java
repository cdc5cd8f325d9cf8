package org.ersreferral.process.delegate;

import static org.ersreferral.process.ReferralProcess.ERROR_ERS_REJECTED;
import static org.ersreferral.process.ReferralProcess.ERROR_ERS_UNAUTHORISED;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsException;
import org.ersreferral.process.ReferralVariables;

/**
 * One e-RS call per service task. Business refusals and expired tokens become BPMN errors that
 * the model routes to a coordinator; everything else (5xx, 429, I/O) propagates so the job is
 * retried with back-off and ends as an incident.
 */
abstract class ErsTaskDelegate implements JavaDelegate {

    @Override
    public final void execute(DelegateExecution execution) {
        ReferralVariables variables = ReferralVariables.of(execution);
        ErsCall call = new ErsCall(execution.getProcessInstanceId(), execution.getCurrentActivityId());
        try {
            try {
                perform(variables, call);
            } catch (ErsException.Unavailable | ErsException.RateLimited e) {
                throw new ErsCallFailed(e);
            }
        } catch (ErsException.Rejected | ErsException.Conflict e) {
            throw problem(variables, execution, ERROR_ERS_REJECTED, e);
        } catch (ErsException.Unauthorised e) {
            throw problem(variables, execution, ERROR_ERS_UNAUTHORISED, e);
        } catch (ErsException.OutcomeUnknown e) {
            onOutcomeUnknown(variables, execution, e);
        }
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

    /**
     * The request was sent but no answer came. By default the job is retried, which suits calls
     * that are safe to repeat; creates and bookings override this to reconcile instead.
     */
    void onOutcomeUnknown(ReferralVariables variables, DelegateExecution execution, ErsException.OutcomeUnknown e) {
        throw new ErsCallFailed(e);
    }

    abstract void perform(ReferralVariables variables, ErsCall call);

    static BpmnError problem(ReferralVariables variables, DelegateExecution execution, String errorCode, ErsException e) {
        String message = describe(e);
        variables.recordErsProblem(errorCode, message, execution.getCurrentActivityId());
        return new BpmnError(errorCode, message);
    }
}
