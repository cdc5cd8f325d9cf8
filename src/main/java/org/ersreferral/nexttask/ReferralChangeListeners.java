package org.ersreferral.nexttask;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.ersreferral.process.FormFields;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.engine.EngineExtensions;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Tells {@link ReferralChanges} when a user task of a referral (or of one of its e-RS steps) is
 * created and when a referral ends, after the engine's transaction commits. Added to every such
 * element when the model is deployed, so nothing in the model needs to name it.
 */
@Component
class ReferralChangeListeners extends AbstractProcessEnginePlugin {

    private final ReferralChanges changes;

    /** Lazy: the engine's plugins are built before the rest of the application. */
    ReferralChangeListeners(@Lazy ReferralChanges changes) {
        this.changes = changes;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        TaskListener taskCreated = task -> afterCommit(rootOf(task));
        ExecutionListener referralEnded = execution -> afterCommit(execution.getProcessInstanceId());
        EngineExtensions.addParseListenerAfterEngine(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (scope.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && FormFields.isReferralProcess(definition.getKey())
                        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, taskCreated);
                }
            }

            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity definition) {
                if (ReferralProcess.PROCESS_KEY.equals(definition.getKey())) {
                    definition.addBuiltInListener(ExecutionListener.EVENTNAME_END, referralEnded);
                }
            }
        });
    }

    private static String rootOf(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        return execution instanceof ExecutionEntity entity ? entity.getRootProcessInstanceId() : null;
    }

    private void afterCommit(String referral) {
        CommandContext command = Context.getCommandContext();
        if (referral == null || command == null) {
            return;
        }
        command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> changes.changed(referral));
    }
}
