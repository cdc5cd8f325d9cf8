package org.ersreferral.nexttask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.process.FormFields;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.security.Organisations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * After a coordinator completed a task, finds the referral's next task (its own or one of its e-RS
 * steps'), claims it for them, and answers it; or that the referral ended, that the task is with a
 * colleague, or why it is not there yet. While e-RS is being asked it waits, at most
 * {@code referral.next-task.wait}: woken at once when this node makes a task ({@link ReferralChanges}),
 * and looking at the database every {@code referral.next-task.check-every} for what other nodes do.
 */
@Component
public class NextTaskFinder {

    /** A task the caller completed in a referral of one of their organisations; the only way in. */
    record CompletedTask(String userId, String referral, String completedTaskId) {
    }

    private final HistoryService historyService;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final IdentityService identityService;
    private final Organisations organisations;
    private final ReferralChanges changes;
    private final Duration wait;
    private final Duration checkEvery;

    NextTaskFinder(HistoryService historyService, TaskService taskService, RuntimeService runtimeService,
                   ManagementService managementService, IdentityService identityService, Organisations organisations,
                   ReferralChanges changes, @Value("${referral.next-task.wait:20s}") Duration wait,
                   @Value("${referral.next-task.check-every:1s}") Duration checkEvery) {
        if (wait.isNegative() || checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("referral.next-task.wait must not be negative and referral.next-task.check-every"
                    + " must be positive");
        }
        this.historyService = historyService;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.identityService = identityService;
        this.organisations = organisations;
        this.changes = changes;
        this.wait = wait;
        this.checkEvery = checkEvery;
    }

    /**
     * The completed task, if {@code userId} completed it (was its assignee when it completed) and it
     * belongs to a referral of one of their organisations; empty for anything else, whatever the
     * reason, so a caller learns nothing of others' tasks.
     */
    Optional<CompletedTask> completedBy(String taskId, String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        HistoricTaskInstance task = historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().singleResult();
        if (task == null || !FormFields.isReferralProcess(task.getProcessDefinitionKey()) || !"completed".equals(task.getDeleteReason()) || !userId.equals(task.getAssignee())
                || task.getRootProcessInstanceId() == null || !organisations.mayRead(userId, task.getTenantId())) {
            return Optional.empty();
        }
        return Optional.of(new CompletedTask(userId, task.getRootProcessInstanceId(), task.getId()));
    }

    /** Waits for the referral to come to rest, at most {@code referral.next-task.wait}, and says where it is. */
    NextTask next(CompletedTask completed) {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            // Watched before looking, so a task made while we look still wakes us.
            CountDownLatch changed = changes.watch(completed.referral());
            try {
                NextTask now = look(completed);
                Duration left = Duration.between(Instant.now(), deadline);
                if (now.state() != NextTask.State.WORKING && now.state() != NextTask.State.RETRYING || left.isNegative()
                        || left.isZero()) {
                    return now;
                }
                changed.await(Math.min(left.toMillis(), checkEvery.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return look(completed);
            } finally {
                changes.forget(completed.referral(), changed);
            }
        }
    }

    /** Where the referral is now; claims its next task for the caller if nobody has it. */
    NextTask look(CompletedTask completed) {
        HistoricProcessInstance referral = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(completed.referral()).singleResult();
        if (referral == null || referral.getEndTime() != null) {
            return finished(completed.referral());
        }
        List<String> instances = new ArrayList<>();
        instances.add(completed.referral());
        runtimeService.createProcessInstanceQuery().superProcessInstanceId(completed.referral()).list().stream()
                .map(ProcessInstance::getId).forEach(instances::add);
        List<Task> open = taskService.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).active()
                .orderByTaskCreateTime().asc().list();
        Optional<Task> mine = open.stream().filter(task -> completed.userId().equals(task.getAssignee())).findFirst();
        if (mine.isPresent()) {
            return NextTask.task(mine.get().getId(), mine.get().getName());
        }
        for (Task unassigned : open.stream().filter(task -> task.getAssignee() == null).toList()) {
            if (claim(unassigned, completed.userId())) {
                return NextTask.task(unassigned.getId(), unassigned.getName());
            }
        }
        if (!open.isEmpty()) {
            Task taken = taskService.createTaskQuery().taskId(open.get(0).getId()).singleResult();
            Task shown = taken == null ? open.get(0) : taken;
            return shown.getAssignee() == null || shown.getAssignee().equals(completed.userId())
                    ? NextTask.task(shown.getId(), shown.getName())
                    : NextTask.withColleague(shown.getId(), shown.getName(), shown.getAssignee());
        }
        return waiting(completed.referral(), instances);
    }

    private NextTask finished(String referral) {
        HistoricVariableInstance outcome = historyService.createHistoricVariableInstanceQuery().processInstanceId(referral)
                .variableName(ReferralVariables.OUTCOME.name()).singleResult();
        String value = outcome == null || outcome.getValue() == null ? null : outcome.getValue().toString();
        return NextTask.finished(value, value == null ? null : Outcome.displayNameOf(value));
    }

    /**
     * Claimed as the caller, with their groups and organisations, so the engine applies its own
     * authorizations and records who claimed it. False when someone else was quicker or the engine
     * refuses.
     */
    private boolean claim(Task task, String userId) {
        Authentication before = identityService.getCurrentAuthentication();
        identityService.setAuthentication(userId, organisations.groupsOf(userId), organisations.of(userId));
        try {
            taskService.claim(task.getId(), userId);
            return true;
        } catch (ProcessEngineException notClaimed) {
            // Claimed by someone else meanwhile, or not the caller's to claim: the answer says who has it.
            return false;
        } finally {
            if (before == null) {
                identityService.clearAuthentication();
            } else {
                identityService.setAuthentication(before);
            }
        }
    }

    /** No open task: e-RS is being asked, is asked again later, or could not be reached and waits for an administrator. */
    private NextTask waiting(String referral, List<String> instances) {
        String step = currentStep(referral);
        List<Job> failed = new ArrayList<>();
        for (String instance : instances) {
            failed.addAll(managementService.createJobQuery().processInstanceId(instance).withException().list());
        }
        if (failed.stream().anyMatch(job -> job.getRetries() == 0)) {
            return NextTask.stuck(step);
        }
        return failed.stream().map(Job::getDuedate).filter(due -> due != null).min(Comparator.naturalOrder())
                .map(due -> NextTask.retrying(step, due.toInstant()))
                .orElseGet(() -> NextTask.working(step));
    }

    /** The business name of the e-RS step the referral is at (its call activity), if it is at one. */
    private String currentStep(String referral) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(referral).unfinished()
                .activityType("callActivity").list().stream().map(HistoricActivityInstance::getActivityName)
                .filter(name -> name != null && !name.isBlank()).findFirst().orElse(null);
    }
}
