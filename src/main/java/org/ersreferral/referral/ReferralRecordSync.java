package org.ersreferral.referral;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.ersreferral.process.ReferralInputRefused;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.StartInput;
import org.ersreferral.process.engine.EngineExtensions;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ReferralRecord} in step with every {@code ers-referral} instance, in the engine's
 * own transaction, without listeners in the model: the record is created as the instance starts
 * (however it was started), follows each task, and takes the outcome as the instance ends.
 */
@Component
class ReferralRecordSync extends AbstractProcessEnginePlugin {

    private final ReferralRecordRepository records;
    private final Clock clock;

    ReferralRecordSync(@Lazy ReferralRecordRepository records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineExtensions.addParseListenerAfterEngine(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (ReferralProcess.PROCESS_KEY.equals(processDefinition.getKey())) {
                    processDefinition.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) ReferralRecordSync.this::started);
                    processDefinition.addListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) ReferralRecordSync.this::ended);
                }
            }

            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                follow(activity);
            }

            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                follow(activity);
            }

            @Override
            public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
                // The e-RS steps: calls of ers-step.
                follow(activity);
            }
        });
    }

    private void follow(ActivityImpl activity) {
        if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                && ReferralProcess.PROCESS_KEY.equals(definition.getKey())) {
            activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) this::stepStarted);
        }
    }

    void started(DelegateExecution execution) {
        String requestId = execution.getProcessBusinessKey() != null ? execution.getProcessBusinessKey() : execution.getProcessInstanceId();
        // Before the record is written: a request id it cannot hold must not read as a duplicate.
        String requestIdProblem = StartInput.requestIdProblem(requestId, false);
        if (requestIdProblem != null) {
            throw new ReferralInputRefused("Referral not started: " + requestIdProblem);
        }
        try {
            // Values too long for the record are left out: the start checks refuse them next, and roll this back.
            ReferralRecord record = new ReferralRecord(requestId, execution.getProcessInstanceId(),
                    fitting(ReferralVariables.SPECIALTY.text(execution), ReferralRecord.MAX_SPECIALTY),
                    fitting(ReferralVariables.PRIORITY.text(execution), ReferralRecord.MAX_PRIORITY), clock.instant());
            record.setOrganisation(execution.getTenantId());
            records.saveAndFlush(record);
        } catch (DataIntegrityViolationException duplicate) {
            throw new DuplicateReferralException(requestId, duplicate);
        }
    }

    private static String fitting(String value, int max) {
        return value == null || value.length() > max ? null : value;
    }

    void stepStarted(DelegateExecution execution) {
        records.findByProcessInstanceId(execution.getProcessInstanceId()).ifPresent(record -> {
            ReferralVariables variables = ReferralVariables.of(execution);
            record.setCurrentStep(execution.getCurrentActivityName());
            record.setUbrn(variables.ubrn());
            record.setSpecialty(fitting(variables.get(ReferralVariables.SPECIALTY), ReferralRecord.MAX_SPECIALTY));
        });
    }

    void ended(DelegateExecution execution) {
        records.findByProcessInstanceId(execution.getProcessInstanceId()).ifPresent(record -> {
            ReferralVariables variables = ReferralVariables.of(execution);
            record.setUbrn(variables.ubrn());
            Outcome outcome = variables.outcomeSoFar();
            record.complete(outcome == null ? null : outcome.name(), clock.instant());
        });
    }
}
