package org.ersreferral.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Sign in to e-RS again" ({@link ReferralProcess#TASK_SIGN_IN_AGAIN}): who sees it and when it is
 * done by itself.
 * <ul>
 *   <li>It is offered first to the referral's acting user ({@link ErsStepTasks} assigns it), since
 *       it is their sign-in that lapsed; after {@code ers.sign-in-again.offer-to-all-after} a timer on
 *       the task calls {@link #offerToAll} and every coordinator of the organisation sees it.</li>
 *   <li>When that person signs in again ({@link ErsUserReady}), their tasks are completed as them
 *       and the failed e-RS steps run again: those assigned to them, and those offered to all whose
 *       referral acts as them. A task someone else claimed meanwhile is left to them.</li>
 * </ul>
 */
@Component("signInAgainTasks")
public class SignInAgainTasks {

    private static final Logger log = LoggerFactory.getLogger(SignInAgainTasks.class);

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final Duration offerToAllAfter;
    /** Runs one task's completion in a transaction of its own, so one that fails rolls back nothing else. */
    private final Consumer<Runnable> inOwnTransaction;

    @Autowired
    SignInAgainTasks(TaskService taskService, RuntimeService runtimeService, IdentityService identityService,
                     @Value("${ers.sign-in-again.offer-to-all-after:PT30M}") Duration offerToAllAfter,
                     PlatformTransactionManager transactions) {
        this(taskService, runtimeService, identityService, offerToAllAfter, ownTransaction(transactions));
    }

    /** Without Spring (process tests): each engine command is its own transaction already. */
    public SignInAgainTasks(TaskService taskService, RuntimeService runtimeService, IdentityService identityService,
                            Duration offerToAllAfter) {
        this(taskService, runtimeService, identityService, offerToAllAfter, Runnable::run);
    }

    private SignInAgainTasks(TaskService taskService, RuntimeService runtimeService, IdentityService identityService,
                             Duration offerToAllAfter, Consumer<Runnable> inOwnTransaction) {
        if (offerToAllAfter.isNegative() || offerToAllAfter.isZero()) {
            throw new IllegalArgumentException("ers.sign-in-again.offer-to-all-after must be a positive duration");
        }
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.offerToAllAfter = offerToAllAfter;
        this.inOwnTransaction = inOwnTransaction;
    }

    private static Consumer<Runnable> ownTransaction(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return work -> template.executeWithoutResult(status -> work.run());
    }

    /** The timer's duration (ISO 8601, e.g. {@code PT30M}), read by the model's boundary timer. */
    public String offerToAllAfter() {
        return offerToAllAfter.toString();
    }

    /**
     * The timer fired: the sign-in task of this ers-step instance goes back to the group, unless
     * someone other than the acting user claimed it meanwhile.
     */
    public void offerToAll(DelegateExecution execution) {
        DelegateExecution step = ErsStepDelegates.callingStep(execution);
        String actingUser = step == null ? null : ReferralVariables.ACTING_USER.from(step);
        for (Task task : execution.getProcessEngineServices().getTaskService().createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(ReferralProcess.TASK_SIGN_IN_AGAIN).list()) {
            if (task.getAssignee() != null && task.getAssignee().equals(actingUser)) {
                execution.getProcessEngineServices().getTaskService().setAssignee(task.getId(), null);
            }
        }
    }

    @EventListener
    public void on(ErsUserReady ready) {
        resume(ready.userId(), ready.groups(), ready.tenantIds());
    }

    /**
     * Completes, as {@code userId}, every open sign-in task assigned to them and every unassigned one
     * whose referral acts as them; each on its own, so one that fails (logged) leaves the others
     * going. Looked up as that user, so only tasks of their organisations are found.
     *
     * @return how many were completed
     */
    public int resume(String userId, List<String> groups, List<String> tenantIds) {
        if (userId == null || userId.isBlank()) {
            return 0;
        }
        Authentication before = identityService.getCurrentAuthentication();
        identityService.setAuthentication(userId, groups == null ? List.of() : groups, tenantIds == null ? List.of() : tenantIds);
        try {
            int completed = 0;
            for (Task task : waitingFor(userId)) {
                try {
                    inOwnTransaction.accept(() -> taskService.complete(task.getId()));
                    completed++;
                } catch (RuntimeException e) {
                    // Ids only: no patient data, no token. The task stays for a coordinator.
                    log.warn("Sign-in task {} of process instance {} was not completed after its user signed in again: {}",
                            task.getId(), task.getProcessInstanceId(), e.getClass().getSimpleName());
                }
            }
            return completed;
        } finally {
            if (before == null) {
                identityService.clearAuthentication();
            } else {
                identityService.setAuthentication(before);
            }
        }
    }

    private List<Task> waitingFor(String userId) {
        List<Task> tasks = new ArrayList<>(taskService.createTaskQuery().processDefinitionKey(ReferralProcess.STEP_PROCESS_KEY)
                .taskDefinitionKey(ReferralProcess.TASK_SIGN_IN_AGAIN).taskAssignee(userId).active().list());
        List<Task> offeredToAll = taskService.createTaskQuery().processDefinitionKey(ReferralProcess.STEP_PROCESS_KEY)
                .taskDefinitionKey(ReferralProcess.TASK_SIGN_IN_AGAIN).taskUnassigned().active().list();
        if (offeredToAll.isEmpty()) {
            return tasks;
        }
        Set<String> actingAsUser = runtimeService.createProcessInstanceQuery()
                .processDefinitionKeyIn(ReferralProcess.PROCESS_KEY, FollowUp.PROCESS_KEY)
                .variableValueEquals(ReferralVariables.ACTING_USER.name(), userId).list().stream()
                .map(ProcessInstance::getId).collect(Collectors.toSet());
        if (actingAsUser.isEmpty()) {
            return tasks;
        }
        Set<String> theirSteps = actingAsUser.stream()
                .flatMap(referral -> runtimeService.createProcessInstanceQuery().superProcessInstanceId(referral).list().stream())
                .map(ProcessInstance::getId).collect(Collectors.toSet());
        offeredToAll.stream().filter(task -> theirSteps.contains(task.getProcessInstanceId())).forEach(tasks::add);
        return tasks;
    }
}
