package org.ersreferral.process.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.ersreferral.ers.ErsAuthentication;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralProcess;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The engine side of the referral's e-RS professional session (professional-session mode; in the
 * bearer modes nothing happens):
 * <ul>
 *   <li>ends it (A003) on every exit of {@code ers-referral}: any end event, cancellation, deletion.
 *       Attached by a parse listener so the model stays as it is, and as a built-in listener so a
 *       deletion that skips custom listeners still ends it.</li>
 * </ul>
 * Other nodes find the referral's session through {@code DatabaseErsSessionStore}, not through
 * process variables: a session id is a credential.
 */
@Component
class ErsSessionEndsWithReferral extends AbstractProcessEnginePlugin {

    private final ErsAuthentication authentication;

    ErsSessionEndsWithReferral(@Lazy ErsAuthentication authentication) {
        this.authentication = authentication;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineExtensions.addParseListenerAfterEngine(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                // The follow-up calls e-RS under a session of its own, ended with it the same way.
                if (ReferralProcess.PROCESS_KEY.equals(processDefinition.getKey()) || FollowUp.PROCESS_KEY.equals(processDefinition.getKey())) {
                    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                            (ExecutionListener) ErsSessionEndsWithReferral.this::referralEnded);
                }
            }
        });
    }

    /**
     * A003 after the commit: if the transaction rolls back the referral goes on and still needs
     * its session; a failed A003 must not undo the referral's end either.
     */
    void referralEnded(DelegateExecution execution) {
        Runnable release = authentication.referralEnding(execution.getProcessInstanceId());
        CommandContext commandContext = Context.getCommandContext();
        if (commandContext == null) {
            release.run();
            return;
        }
        commandContext.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> release.run());
    }
}
