package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ReferralVariables#ACTING_USER}, the person the referral's e-RS calls act as, on the
 * person doing its work:
 * <ul>
 *   <li>at the start (execution listener of the start event): the person who starts it; nobody when
 *       a machine client or the application itself starts it, and then "Take on the referral" waits
 *       for a coordinator. A value a caller sent is never kept.</li>
 *   <li>on completing any user task of the referral or of its e-RS steps (added to every user task
 *       by {@code ActingUserFollowsWork}): the person who completed it.</li>
 * </ul>
 * The engine's current authentication says who: Tasklist, {@code /engine-rest} and the referral API
 * all set it. Only the user id is kept, no name.
 */
@Component("actingUsers")
public class ActingUsers implements ExecutionListener, TaskListener {

    private final MachineCallers machines;

    public ActingUsers(MachineCallers machines) {
        this.machines = machines;
    }

    /** The start event: the starter, if a person; else nobody, which the gateway after the start reads. */
    @Override
    public void notify(DelegateExecution execution) {
        ReferralVariables.ACTING_USER.set(execution, person(execution.getProcessEngineServices().getIdentityService()
                .getCurrentAuthentication()));
    }

    /** A completed task: its referral now acts as the person who completed it; work the process does itself changes nothing. */
    @Override
    public void notify(DelegateTask task) {
        String person = person(task.getProcessEngineServices().getIdentityService().getCurrentAuthentication());
        VariableScope referral = ErsStepDelegates.referralScope(task);
        // Written only when it changes: each write is a row of history, and the timeline shows changes only.
        if (person != null && !person.equals(ReferralVariables.ACTING_USER.from(referral))) {
            ReferralVariables.ACTING_USER.set(referral, person);
        }
    }

    private String person(Authentication authentication) {
        String userId = authentication == null ? null : authentication.getUserId();
        return userId == null || userId.isBlank() || machines.isMachine(userId) ? null : userId;
    }
}
