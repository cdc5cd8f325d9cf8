package org.ersreferral.process.delegate;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.ersreferral.ers.ErsAuthentication;
import org.ersreferral.process.ReferralProcess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Ends a referral's e-RS professional session (A003) on every exit of {@code ers-referral}: any end
 * event, cancellation, deletion. Attached by a parse listener so the model stays as it is, and as a
 * built-in listener so a deletion that skips custom listeners still ends it. In the bearer modes
 * {@link ErsAuthentication#referralEnded} does nothing.
 */
@Component
class ErsSessionEndPlugin extends AbstractProcessEnginePlugin {

    private final ErsAuthentication authentication;

    ErsSessionEndPlugin(@Lazy ErsAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners();
        if (listeners == null) {
            listeners = new ArrayList<>();
            configuration.setCustomPostBPMNParseListeners(listeners);
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (ReferralProcess.PROCESS_KEY.equals(processDefinition.getKey())) {
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                            (ExecutionListener) ErsSessionEndPlugin.this::referralEnded);
                }
            }
        });
    }

    /**
     * After the commit: if the transaction rolls back the referral goes on and still needs its
     * session; a failed A003 must not undo the referral's end either.
     */
    void referralEnded(DelegateExecution execution) {
        String processInstanceId = execution.getProcessInstanceId();
        CommandContext commandContext = Context.getCommandContext();
        if (commandContext == null) {
            authentication.referralEnded(processInstanceId);
            return;
        }
        commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                committed -> authentication.referralEnded(processInstanceId));
    }
}
