package org.ersreferral.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History level referral on a referral-shaped model: a step called as an ers-step instance, a gateway,
 * a user task, and the variables a referral writes. What the level keeps and what it leaves out.
 */
class ReferralHistoryLevelTest {

    private ProcessEngine engine;
    private HistoryService history;

    @BeforeEach
    void engine() {
        String name = "history-level-" + UUID.randomUUID();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                .setProcessEngineName(name)
                .setHistory(ReferralHistoryLevel.Level.NAME)
                .setJobExecutorActivate(false);
        configuration.getProcessEnginePlugins().add(new ReferralHistoryLevel());
        engine = configuration.buildProcessEngine();
        history = engine.getHistoryService();
        engine.getRepositoryService().createDeployment().addModelInstance("step.bpmn", step())
                .addModelInstance("referral.bpmn", referral()).deploy();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void keepsWhatTheTimelineAndReportsReadAndLeavesOutTheRest() {
        ProcessInstance referral = engine.getRuntimeService().startProcessInstanceByKey("referral", Map.of(
                ReferralVariables.ACTING_USER.name(), "coordinator", ReferralVariables.UBRN.name(), "000000000001",
                ReferralVariables.SLOTS.name(), "[]", ReferralVariables.SPECIALTY_DISPLAY.name(), "Cardiology",
                ReferralVariables.TRIAGE_SERVICE.name(), false));
        Job step = engine.getManagementService().createJobQuery().singleResult();
        engine.getManagementService().executeJob(step.getId());
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(referral.getId()).singleResult();
        engine.getRuntimeService().setVariable(referral.getId(), ReferralVariables.UBRN.name(), "000000000002");
        engine.getTaskService().complete(task.getId(), Map.of(ReferralVariables.ACTING_USER.name(), "coordinator-b"));
        assertThat(engine.getTaskService().createTaskQuery().count()).isZero();

        // Only the referral's instance: the ers-step instance it called is not kept.
        assertThat(history.createHistoricProcessInstanceQuery().list()).singleElement()
                .satisfies(instance -> assertThat(instance.getId()).isEqualTo(referral.getId()));
        // Its activities without the gateway; nothing of the step's plumbing.
        assertThat(history.createHistoricActivityInstanceQuery().orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc().list()).extracting(HistoricActivityInstance::getActivityId)
                .containsExactly("StartEvent_Requested", "Task_Step", "Task_Decide", "EndEvent_Done");
        assertThat(history.createHistoricActivityInstanceQuery().activityId("Task_Step").singleResult().getEndTime()).isNotNull();
        // The job that ran leaves no job log.
        assertThat(history.createHistoricJobLogQuery().count()).isZero();
        // Last values of kept variables; form material from e-RS is not kept.
        assertThat(history.createHistoricVariableInstanceQuery().list())
                // the test model's own switch, mapped into the step
                .filteredOn(variable -> !"fail".equals(variable.getName()))
                .extracting(HistoricVariableInstance::getName, HistoricVariableInstance::getValue)
                .containsExactlyInAnyOrder(
                        tuple("actingUser", "coordinator-b"),
                        tuple("ubrn", "000000000002"));
        // Every value only of the acting user: the timeline shows when the referral changed hands.
        List<String> updates = history.createHistoricDetailQuery().variableUpdates().list().stream()
                .map(detail -> ((HistoricVariableUpdate) detail).getVariableName() + "=" + ((HistoricVariableUpdate) detail).getValue())
                .toList();
        assertThat(updates).containsExactlyInAnyOrder("actingUser=coordinator", "actingUser=coordinator-b");
        // The task, as the analysts' reports read it, without who it was offered to over time.
        assertThat(history.createHistoricTaskInstanceQuery().taskDefinitionKey("Task_Decide").finished().count()).isOne();
        assertThat(history.createHistoricIdentityLinkLogQuery().count()).isZero();
    }

    @Test
    void aFailedStepIsStillInTheJobLog() {
        engine.getRuntimeService().startProcessInstanceByKey("referral", Map.of("fail", true));
        Job step = engine.getManagementService().createJobQuery().singleResult();
        try {
            engine.getManagementService().executeJob(step.getId());
        } catch (RuntimeException expected) {
            // the step's expression fails, as an e-RS call that got no answer would
        }

        assertThat(history.createHistoricJobLogQuery().failureLog().count()).isOne();
        assertThat(history.createHistoricJobLogQuery().creationLog().count()).isZero();
    }

    private static BpmnModelInstance step() {
        return Bpmn.createExecutableProcess(ReferralProcess.STEP_PROCESS_KEY).camundaHistoryTimeToLive(1)
                .startEvent().exclusiveGateway()
                .serviceTask("Task_CallErs").camundaAsyncBefore()
                .camundaExpression("${execution.getVariable('fail') == true ? execution.getVariable('nothing').toString() : true}")
                .endEvent().done();
    }

    private static BpmnModelInstance referral() {
        return Bpmn.createExecutableProcess("referral").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Requested").exclusiveGateway("Gateway_Ready")
                .callActivity("Task_Step").calledElement(ReferralProcess.STEP_PROCESS_KEY).camundaIn("fail", "fail")
                .userTask("Task_Decide").camundaCandidateGroups("referral-coordinators")
                .endEvent("EndEvent_Done").done();
    }
}
