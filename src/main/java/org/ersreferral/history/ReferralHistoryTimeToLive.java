package org.ersreferral.history;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.engine.EngineExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes {@code referral.history.time-to-live} the history time to live of every {@code ers-referral}
 * and {@code ers-step} version (the e-RS steps' history is removed with its referral's: the engine
 * gives it the removal time of the root instance). The model keeps its own {@code camunda:historyTimeToLive} (the engine refuses a process
 * without one), but the configuration wins:
 * <ul>
 * <li>a version being deployed, or parsed again into the cache, gets the configured value, so removal
 * times of referrals that end from now on follow it;</li>
 * <li>at start-up every deployed version whose stored value differs is updated as an operator would do
 * it in Cockpit (and the change logged), and the removal times of its finished referrals are
 * recalculated by a Camunda batch (Cockpit shows it under Batches), so history that already ended
 * follows the new value too. Nodes starting together update each version once: the loser's transaction fails on the
 * definition's revision and changes nothing.</li>
 * </ul>
 */
@Component
class ReferralHistoryTimeToLive extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ReferralHistoryTimeToLive.class);

    /** A referral, the ers-step instances it calls and its follow-up keep their history equally long. */
    private static final List<String> REFERRAL_KEYS = List.of(ReferralProcess.PROCESS_KEY, ReferralProcess.STEP_PROCESS_KEY,
            FollowUp.PROCESS_KEY);

    private final int days;

    ReferralHistoryTimeToLive(HistoryRetentionProperties properties) {
        this.days = properties.timeToLiveDays();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineExtensions.addParseListenerAfterEngine(configuration, new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                if (REFERRAL_KEYS.contains(processDefinition.getKey())) {
                    processDefinition.setHistoryTimeToLive(days);
                }
            }
        });
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        RepositoryService repository = engine.getRepositoryService();
        for (ProcessDefinition definition : repository.createProcessDefinitionQuery()
                .processDefinitionKeyIn(REFERRAL_KEYS.toArray(String[]::new)).list()) {
            if (Objects.equals(definition.getHistoryTimeToLive(), days)) {
                continue;
            }
            try {
                // One transaction: the new value and the batch that applies it to ended referrals, or neither.
                String batch = configuration.getCommandExecutorTxRequired().execute(context -> {
                    repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
                    // An ers-step instance's history goes with its caller's: the referral's or follow-up's batch covers it.
                    return !ReferralProcess.STEP_PROCESS_KEY.equals(definition.getKey())
                            ? recalculateRemovalTimes(engine.getHistoryService(), definition.getId()) : null;
                });
                LOG.info("History time to live of {} version {} changed from {} to {} days (referral.history.time-to-live){}",
                        definition.getKey(), definition.getVersion(), definition.getHistoryTimeToLive(), days,
                        batch == null ? "" : "; removal times of its finished referrals are recalculated by batch " + batch);
            } catch (OptimisticLockingException anotherNode) {
                LOG.info("History time to live of {} version {} was updated by another node meanwhile",
                        definition.getKey(), definition.getVersion());
            }
        }
    }

    private static String recalculateRemovalTimes(HistoryService history, String definitionId) {
        HistoricProcessInstanceQuery finished = history.createHistoricProcessInstanceQuery()
                .processDefinitionId(definitionId).finished();
        if (finished.count() == 0) {
            return null;
        }
        Batch batch = history.setRemovalTimeToHistoricProcessInstances().calculatedRemovalTime().byQuery(finished)
                .hierarchical().executeAsync();
        return batch.getId();
    }
}
