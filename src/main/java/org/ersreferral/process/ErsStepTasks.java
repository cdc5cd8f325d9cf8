package org.ersreferral.process;

import java.util.List;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Prepares the coordinator's tasks of {@code ers-step}. Their forms read the task's own variables,
 * not the referral's, so the few facts a form shows are set task-local (small strings, only on these
 * tasks): the step's business name, what e-RS said, the UBRN and, for "Resolve e-RS rejection" on a
 * referral e-RS already has, its current e-RS status (read now; {@value ReferralVariables#STATUS_UNKNOWN}
 * when that read fails) so that giving up can be decided knowing it. Names, priority and due date
 * follow the referral like its other tasks. "Sign in to e-RS again" is assigned to the referral's
 * acting user, whose sign-in e-RS refused; the group still holds it as candidates, and a timer
 * offers it to all of them later ({@link SignInAgainTasks}).
 */
@Component("ersStepTasks")
public class ErsStepTasks implements TaskListener {

    private static final List<ProcessVariable<?>> SHOWN = List.of(ReferralVariables.ERS_ERROR_CODE,
            ReferralVariables.ERS_ERROR_MESSAGE, ReferralVariables.ERS_ERROR_STATUS, ReferralVariables.ERS_ERROR_DIAGNOSTICS,
            ReferralVariables.UBRN, ReferralVariables.SPECIALTY, ReferralVariables.SPECIALTY_DISPLAY);

    /** The referral's status in e-RS (A005) for a call on behalf of the referral's step. */
    private final BiFunction<ErsCall, String, String> referralStatus;

    @Autowired
    ErsStepTasks(ErsClient ers) {
        this((call, ubrn) -> ers.retrieveReferral(call, ubrn).status());
    }

    ErsStepTasks(BiFunction<ErsCall, String, String> referralStatus) {
        this.referralStatus = referralStatus;
    }

    @Override
    public void notify(DelegateTask task) {
        DelegateExecution step = ErsStepDelegates.callingStep(task.getExecution());
        ReferralVariables referral = ReferralVariables.of(step);
        ReferralTaskDetails.describe(task, referral);
        ReferralVariables.ERS_STEP_NAME.setLocal(task, step.getBpmnModelElementInstance().getName());
        for (ProcessVariable<?> shown : SHOWN) {
            copyLocal(shown, step, task);
        }
        if (ReferralProcess.TASK_RECONCILE_REFERRAL.equals(task.getTaskDefinitionKey())) {
            // The coordinator looks the patient up in e-RS; kept on this task only, like the referral's own variable.
            ReferralVariables.NHS_NUMBER.setLocal(task, referral.nhsNumber());
        }
        if (ReferralProcess.TASK_SIGN_IN_AGAIN.equals(task.getTaskDefinitionKey()) && referral.get(ReferralVariables.ACTING_USER) != null) {
            task.setAssignee(referral.get(ReferralVariables.ACTING_USER));
        }
        if (ReferralProcess.TASK_RESOLVE_REJECTION.equals(task.getTaskDefinitionKey()) && referral.ubrn() != null) {
            String status = currentStatus(step, referral.ubrn());
            ReferralVariables.ERS_REFERRAL_STATUS.setLocal(task, status);
            String words = ErsReferralStatus.words(status);
            if (words != null) {
                ReferralVariables.ERS_REFERRAL_STATUS_DISPLAY.setLocal(task, words);
            }
        }
    }

    private static <T> void copyLocal(ProcessVariable<T> variable, DelegateExecution from, DelegateTask to) {
        T value = variable.from(from);
        if (value != null) {
            variable.setLocal(to, value);
        }
    }

    private String currentStatus(DelegateExecution step, String ubrn) {
        try {
            String status = referralStatus.apply(new ErsCall(step.getProcessInstanceId(), step.getCurrentActivityId(),
                    ReferralVariables.ACTING_USER.from(step)), ubrn);
            return status == null ? ReferralVariables.STATUS_UNKNOWN : status;
        } catch (RuntimeException unread) {
            // The decision is still the coordinator's; the form says the status is unknown.
            return ReferralVariables.STATUS_UNKNOWN;
        }
    }
}
