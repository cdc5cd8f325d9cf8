package org.ersreferral.testsupport;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.ersreferral.process.ErsStepDelegates;
import org.ersreferral.process.engine.EngineExtensions;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * A node dying after e-RS answered but before the engine committed, for the steps armed: once per
 * arming, the step's service task fails after its delegate ran, so the job's transaction rolls back
 * and the job runs again, as another node would run it once the lock expired. Inert unless armed.
 */
@TestConfiguration
public class CrashAfterAnswer extends AbstractProcessEnginePlugin {

    private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

    public static void arm(String... activityIds) {
        ARMED.addAll(List.of(activityIds));
    }

    public static void disarm() {
        ARMED.clear();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineExtensions.addParseListenerAfterEngine(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                activity.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) execution -> {
                    // e-RS steps run in an ers-step instance: armed by the id of the referral's step that called it
                    DelegateExecution step = ErsStepDelegates.callingStep(execution);
                    String stepId = step == null ? execution.getCurrentActivityId() : step.getCurrentActivityId();
                    if (ARMED.remove(stepId)) {
                        throw new IllegalStateException("The node died after e-RS answered " + stepId);
                    }
                });
            }
        });
    }
}
