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
            perform(variables, call);
        } catch (ErsException.Rejected | ErsException.Conflict e) {
            throw problem(variables, execution, ERROR_ERS_REJECTED, e);
        } catch (ErsException.Unauthorised e) {
            throw problem(variables, execution, ERROR_ERS_UNAUTHORISED, e);
        } catch (ErsException.OutcomeUnknown e) {
            onOutcomeUnknown(variables, execution, e);
        } catch (ErsException e) {
            throw new ErsCallFailed(e);
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

    /**
     * The referral's version for a call that must name it; read from e-RS (A005) when not known,
     * e.g. after a create was reconciled by a coordinator.
     */
    static String knownOrCurrentVersion(ReferralVariables variables, org.ersreferral.ers.ErsClient ers, ErsCall call) {
        String version = variables.referralVersion();
        if (version == null) {
            version = ers.retrieveReferral(call, variables.ubrn()).version();
            variables.set(ReferralVariables.REFERRAL_VERSION, version);
        }
        return version;
    }

    /**
     * For a state change that got no answer: read the referral (A005) and tell whether e-RS already
     * shows the change, so it is never sent twice. e-RS refusals of the read itself take the usual routes.
     */
    static boolean alreadyApplied(ReferralVariables variables, DelegateExecution execution, org.ersreferral.ers.ErsClient ers,
                                  java.util.Set<String> appliedStates) {
        try {
            org.ersreferral.ers.ReferralState state = ers.retrieveReferral(
                    new ErsCall(execution.getProcessInstanceId(), execution.getCurrentActivityId()), variables.ubrn());
            if (appliedStates.contains(state.status())) {
                variables.set(ReferralVariables.REFERRAL_VERSION, state.version());
                return true;
            }
            return false;
        } catch (ErsException.Rejected | ErsException.Conflict e) {
            throw problem(variables, execution, ERROR_ERS_REJECTED, e);
        } catch (ErsException.Unauthorised e) {
            throw problem(variables, execution, ERROR_ERS_UNAUTHORISED, e);
        } catch (ErsException e) {
            throw new ErsCallFailed(e);
        }
    }

    /**
     * A state change that got no answer: done when e-RS already shows it (recording {@code outcome}),
     * otherwise left to the job to send again, which is then safe.
     */
    static void settleUnknownOutcome(ReferralVariables variables, DelegateExecution execution,
                                     org.ersreferral.ers.ErsClient ers, ErsException.OutcomeUnknown e,
                                     String appliedState, org.ersreferral.process.Outcome outcome) {
        if (alreadyApplied(variables, execution, ers, java.util.Set.of(appliedState))) {
            variables.setOutcome(outcome);
            return;
        }
        throw new ErsCallFailed(e);
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
        variables.recordErsRefusal(e.status(), e.getMessage());
        return new BpmnError(errorCode, message);
    }
}
