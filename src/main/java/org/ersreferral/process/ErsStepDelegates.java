package org.ersreferral.process;

import static java.util.Map.entry;
import static org.ersreferral.process.ReferralProcess.*;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * The service task of {@code ers-step}: runs the delegate of the referral's step that called it.
 * The delegate runs against the calling execution, so it reads and writes the referral's variables
 * and sees the step's id as its activity (e-RS call records and correlation ids stay per referral
 * and step) and nothing is copied into the called instance. Its BPMN errors are thrown in
 * {@code ers-step}: the e-RS problems are caught there, others (slot gone, provider did not answer)
 * reach the boundary events of the calling step.
 */
@Component("ersStepDelegates")
public class ErsStepDelegates implements JavaDelegate {

    /** Each e-RS step of {@code ers-referral} and {@code ers-referral-follow-up}, and the bean that does its e-RS call. */
    static final Map<String, String> DELEGATES = Map.ofEntries(
            entry(TASK_ESTABLISH_ERS_CONTEXT, "establishErsContextDelegate"),
            entry(TASK_LOAD_REFERENCE_DATA, "loadReferenceDataDelegate"),
            entry(TASK_SEARCH_SERVICES, "searchServicesDelegate"),
            entry(TASK_CREATE_REFERRAL, "createReferralDelegate"),
            entry(TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE, "createReferralAndSendForTriageDelegate"),
            entry(TASK_UPLOAD_REFERRAL_LETTER, "uploadReferralLetterDelegate"),
            entry(TASK_MAINTAIN_REFERRAL_LETTER, "maintainReferralLetterDelegate"),
            entry(TASK_SEND_FOR_TRIAGE, "sendForTriageDelegate"),
            entry(TASK_RETRIEVE_SLOTS, "retrieveSlotsDelegate"),
            entry(TASK_BOOK_APPOINTMENT, "bookAppointmentDelegate"),
            entry(TASK_DEFER_TO_PROVIDER, "deferToProviderDelegate"),
            entry(TASK_GENERATE_PATIENT_LETTER, "generatePatientLetterDelegate"),
            entry(TASK_RETRIEVE_REFERRAL_STATE, "retrieveReferralStateDelegate"),
            // ers-referral-follow-up's own steps; its others share ers-referral's ids and beans.
            entry(FollowUp.TASK_READ_APPOINTMENT, "readAppointmentDelegate"),
            entry(FollowUp.TASK_CANCEL_APPOINTMENT, "cancelAppointmentDelegate"),
            entry(FollowUp.TASK_READ_AVAILABLE_ACTIONS, "readAvailableActionsDelegate"),
            entry(FollowUp.TASK_CHANGE_SHORTLIST, "changeShortlistDelegate"),
            entry(FollowUp.TASK_CHECK_STILL_WAITING, "readFollowedReferralDelegate"),
            entry(FollowUp.TASK_READ_REFERRAL_AFTER_CHANGE, "readFollowedReferralDelegate"),
            entry(FollowUp.TASK_CANCEL_FOLLOWED_REFERRAL, "cancelReferralDelegate"),
            entry(FollowUp.TASK_CANCEL_ON_REQUEST, "cancelReferralDelegate"));

    @Override
    public void execute(DelegateExecution execution) {
        DelegateExecution step = callingStep(execution);
        if (step == null || !DELEGATES.containsKey(step.getCurrentActivityId())) {
            throw new IllegalStateException(STEP_PROCESS_KEY + " was not called by an e-RS step of " + PROCESS_KEY
                    + (step == null ? "" : ": " + step.getCurrentActivityId()));
        }
        // Resolved like delegateExpression="${bean}": Spring beans in the application, mocks in process tests.
        Object delegate = Context.getProcessEngineConfiguration().getExpressionManager()
                .createExpression("${" + DELEGATES.get(step.getCurrentActivityId()) + "}").getValue(step);
        try {
            ((JavaDelegate) delegate).execute(step);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The referral's call activity execution that started this ers-step instance; null outside ers-step. */
    public static DelegateExecution callingStep(DelegateExecution execution) {
        DelegateExecution instance = execution.getProcessInstance();
        return instance == null ? null : instance.getSuperExecution();
    }

    /** Where a task's referral variables live: the calling step for tasks of ers-step, the task itself otherwise. */
    static VariableScope referralScope(DelegateTask task) {
        DelegateExecution step = task.getExecution() == null ? null : callingStep(task.getExecution());
        return step == null ? task : step;
    }
}
