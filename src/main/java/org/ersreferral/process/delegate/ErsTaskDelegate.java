package org.ersreferral.process.delegate;

import static org.ersreferral.process.ReferralProcess.ERROR_ERS_OUTCOME_UNKNOWN;
import static org.ersreferral.process.ReferralProcess.ERROR_ERS_REJECTED;
import static org.ersreferral.process.ReferralProcess.ERROR_ERS_UNAUTHORISED;
import static org.ersreferral.process.ReferralProcess.ERROR_PROVIDER_UNAVAILABLE;
import static org.ersreferral.process.ReferralProcess.ERROR_SLOT_GONE;

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
 * what the step's {@link FailureRoute} adds; everything else (5xx, 429, I/O, a state change to
 * reconcile later) fails the job, which is retried and ends as an incident. Steps only read, call, write.
 */
abstract class ErsTaskDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(ErsTaskDelegate.class);

    /** Where a step's e-RS failures lead besides a failed job; a step names its route when it is not the usual one. */
    enum FailureRoute {
        /** Refusals (4xx, a 409 kept) and expired tokens go to a coordinator. */
        COORDINATOR,
        /** As {@link #COORDINATOR}, and a create with no answer too: only a person can check whether e-RS has the referral. */
        COORDINATOR_ALSO_WITHOUT_ANSWER,
        /** A slot taken meanwhile (409/423) or a provider system that failed (502/504) leads to deferral; else as {@link #COORDINATOR}. */
        DEFERRAL_WHEN_SLOT_OR_PROVIDER_FAILS,
        /** Never to a coordinator: cancelling is the way out of every other problem, so it stays an incident an operator retries. */
        INCIDENT
    }

    private final FailureRoute failureRoute;

    ErsTaskDelegate() {
        this(FailureRoute.COORDINATOR);
    }

    ErsTaskDelegate(FailureRoute failureRoute) {
        this.failureRoute = failureRoute;
    }

    @Override
    public final void execute(DelegateExecution execution) {
        ReferralVariables variables = ReferralVariables.of(execution);
        try {
            // Acts as the referral's person: their e-RS token and chosen role go with the call (cis2 mode).
            perform(variables, new ErsCall(execution.getProcessInstanceId(), execution.getCurrentActivityId(),
                    ReferralVariables.ACTING_USER.from(execution)));
        } catch (ErsException e) {
            throw toModel(variables, execution, e);
        }
    }

    abstract void perform(ReferralVariables variables, ErsCall call);

    private RuntimeException toModel(ReferralVariables variables, DelegateExecution execution, ErsException e) {
        if (failureRoute == FailureRoute.DEFERRAL_WHEN_SLOT_OR_PROVIDER_FAILS) {
            if (e instanceof ErsException.Conflict) {
                return deferral(variables, ReferralVariables.DEFERRAL_SLOT_NOT_AVAILABLE, ERROR_SLOT_GONE, e);
            }
            if (e instanceof ErsException.ProviderUnavailable) {
                return deferral(variables, ReferralVariables.DEFERRAL_BOOKING_ATTEMPT_PROBLEM, ERROR_PROVIDER_UNAVAILABLE, e);
            }
        }
        if (failureRoute != FailureRoute.INCIDENT) {
            if (e instanceof ErsException.Rejected || e instanceof ErsException.Conflict) {
                return problem(variables, execution, ERROR_ERS_REJECTED, e);
            }
            if (e instanceof ErsException.Unauthorised) {
                return problem(variables, execution, ERROR_ERS_UNAUTHORISED, e);
            }
            if (e instanceof ErsException.OutcomeUnknown && failureRoute == FailureRoute.COORDINATOR_ALSO_WITHOUT_ANSWER) {
                return problem(variables, execution, ERROR_ERS_OUTCOME_UNKNOWN, e);
            }
        }
        if (e instanceof ErsException.Throttled throttled) {
            LOG.info("e-RS step {} of referral {} waits for room in the e-RS call budget; it comes back in {} s",
                    execution.getCurrentActivityId(), execution.getProcessInstanceId(), throttled.retryAfterSeconds());
            return new ErsCallFailed(e);
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

    /** The reason the deferral will give e-RS, and the error the model routes to it. */
    private static BpmnError deferral(ReferralVariables variables, String reason, String errorCode, ErsException e) {
        variables.set(ReferralVariables.DEFERRAL_REASON, reason);
        return new BpmnError(errorCode, e.getMessage());
    }
}
