package org.ersreferral.worklist;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.process.WorklistSignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sign in to refresh e-RS": one open task per organisation whose worklists cannot be read for want
 * of a signed-in coordinator, never a second while one is open (the organisation's sync lease makes
 * the check and the start one node's), and completed as the first of its coordinators who signs in.
 */
class SignInToRefreshTasks {

    private static final Logger LOG = LoggerFactory.getLogger(SignInToRefreshTasks.class);

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final IdentityService identityService;

    SignInToRefreshTasks(RuntimeService runtimeService, TaskService taskService, IdentityService identityService) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.identityService = identityService;
    }

    boolean open(String organisation) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(WorklistSignIn.PROCESS_KEY)
                .tenantIdIn(organisation).count() > 0;
    }

    /** Raises the organisation's task unless one is open; as the application, so the tenant is the organisation. */
    void raise(String organisation) {
        if (open(organisation)) {
            return;
        }
        runtimeService.createProcessInstanceByKey(WorklistSignIn.PROCESS_KEY).businessKey("worklists-" + organisation)
                .setVariable(WorklistSignIn.ORGANISATION.name(), organisation).execute();
        LOG.info("Worklist sync: no coordinator of organisation {} has a usable e-RS sign-in; asked them to sign in", organisation);
    }

    /** Completes the organisation's open task as {@code userId}, a coordinator of it who may act for it now. */
    int completeAs(String organisation, String userId, List<String> groups, List<String> tenantIds) {
        List<Task> tasks = taskService.createTaskQuery().processDefinitionKey(WorklistSignIn.PROCESS_KEY).tenantIdIn(organisation)
                .taskDefinitionKey(WorklistSignIn.TASK_SIGN_IN_TO_REFRESH).active()
                // one someone else claimed is theirs to finish
                .or().taskUnassigned().taskAssignee(userId).endOr().list();
        if (tasks.isEmpty()) {
            return 0;
        }
        Authentication before = identityService.getCurrentAuthentication();
        identityService.setAuthentication(userId, groups == null ? List.of() : groups, tenantIds == null ? List.of() : tenantIds);
        int completed = 0;
        try {
            for (Task task : tasks) {
                try {
                    taskService.complete(task.getId());
                    completed++;
                } catch (RuntimeException e) {
                    // someone completed it meanwhile, or it was claimed by another: it stays for them
                    LOG.warn("Worklist sync: sign-in task {} of organisation {} was not completed for user {}: {}", task.getId(),
                            organisation, userId, e.getClass().getSimpleName());
                }
            }
        } finally {
            if (before == null) {
                identityService.clearAuthentication();
            } else {
                identityService.setAuthentication(before);
            }
        }
        return completed;
    }
}
