package org.ersreferral.process.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.ersreferral.testsupport.Await;
import org.junit.jupiter.api.Test;

/**
 * A chain of called steps, each an async service task in an instance of its own, as the referral's
 * e-RS steps are: with the plugin every step after the first runs on the job thread that ran the one
 * before, locked there when it was created, and the job executor acquires only the first.
 */
class StepChainingTest {

    static final int STEPS = 3;
    static final List<String> THREADS = Collections.synchronizedList(new ArrayList<>());

    @Test
    void theNextStepOfTheSameRootInstanceRunsOnTheSameJobThread() {
        Chain chain = run(true);

        assertThat(chain.lockedWhenCreated()).isEqualTo(STEPS - 1);
        assertThat(chain.threads()).hasSize(STEPS).containsOnly(chain.threads().get(0));
    }

    @Test
    void withoutItEveryStepIsAcquiredByTheJobExecutor() {
        Chain chain = run(false);

        assertThat(chain.lockedWhenCreated()).isZero();
        assertThat(chain.threads()).hasSize(STEPS);
    }

    @Test
    void jobsOfOtherReferralsAreNotChained() {
        // Two referrals whose steps come from one job thread: each chains only its own.
        Chain chain = run(true, 2);

        assertThat(chain.lockedWhenCreated()).isEqualTo(2 * (STEPS - 1));
        assertThat(chain.threads()).hasSize(2 * STEPS);
    }

    record Chain(long lockedWhenCreated, List<String> threads) {
    }

    private static Chain run(boolean chaining) {
        return run(chaining, 1);
    }

    private static Chain run(boolean chaining, int referrals) {
        THREADS.clear();
        String name = "step-chaining-" + UUID.randomUUID();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                .setProcessEngineName(name)
                .setJobExecutorActivate(true);
        JavaDelegate recordThread = execution -> THREADS.add(Thread.currentThread().getName());
        configuration.setBeans(Map.of("recordThread", recordThread));
        if (chaining) {
            configuration.getProcessEnginePlugins().add(new StepChaining());
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        try {
            engine.getRepositoryService().createDeployment().addModelInstance("step.bpmn", step())
                    .addModelInstance("referral.bpmn", referral()).deploy();
            for (int i = 0; i < referrals; i++) {
                engine.getRuntimeService().startProcessInstanceByKey("referral");
            }
            Await.until("all steps run", Duration.ofSeconds(30), () -> engine.getHistoryService()
                    .createHistoricProcessInstanceQuery().processDefinitionKey("referral").finished().count() == referrals);
            configuration.getDbMetricsReporter().reportNow();
            long locked = engine.getManagementService().createMetricsQuery().name(Metrics.JOB_LOCKED_EXCLUSIVE).sum();
            return new Chain(locked, List.copyOf(THREADS));
        } finally {
            engine.close();
        }
    }

    private static BpmnModelInstance step() {
        return Bpmn.createExecutableProcess("step").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_Call").camundaAsyncBefore().camundaDelegateExpression("${recordThread}")
                .endEvent().done();
    }

    private static BpmnModelInstance referral() {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("referral").camundaHistoryTimeToLive(1).startEvent();
        for (int i = 1; i <= STEPS; i++) {
            flow = flow.callActivity("Task_Step" + i).calledElement("step");
        }
        return flow.endEvent().done();
    }
}
