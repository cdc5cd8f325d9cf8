package org.ersreferral.process.engine;

import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.ersreferral.process.FormFields;
import org.springframework.stereotype.Component;

/**
 * Whoever completes a user task of a referral ({@code ers-referral} or one of its {@code ers-step}
 * instances) becomes the person its e-RS calls act as: every such task gets, when the model is
 * deployed, a complete listener that hands it to the {@code actingUsers} bean. One mechanism for all
 * tasks, so a task added to the model later follows the rule without anyone remembering it.
 */
@Component
public class ActingUserFollowsWork extends AbstractProcessEnginePlugin {

    /** Resolved when a task completes, like {@code delegateExpression}: the Spring bean, or a process test's own. */
    static final String LISTENER = "${actingUsers}";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineExtensions.addParseListenerAfterEngine(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (scope.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                        && FormFields.isReferralProcess(definition.getKey())
                        && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
                            new DelegateExpressionTaskListener(Context.getProcessEngineConfiguration().getExpressionManager()
                                    .createExpression(LISTENER), List.of()));
                }
            }
        });
    }
}
