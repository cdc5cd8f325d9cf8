package org.ersreferral.worklist;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.security.Organisations;

/**
 * The {@code ers-referral-follow-up} instances the sync talks to, through the engine as the
 * application itself (no authenticated user), found by organisation (tenant) and UBRN.
 */
class FollowUps {

    private final RuntimeService runtimeService;
    private final HistoryService historyService;

    FollowUps(RuntimeService runtimeService, HistoryService historyService) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
    }

    /** The organisations with referrals being followed. */
    Set<String> organisations() {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY).active().list().stream()
                .map(ProcessInstance::getTenantId).filter(tenant -> tenant != null && !tenant.isBlank())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    boolean anyRunning(String organisation) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY).tenantIdIn(organisation)
                .count() > 0;
    }

    /** The running follow-up of the referral, if any. */
    Optional<String> running(String organisation, String ubrn) {
        return FollowUp.runningOf(runtimeService, organisation, ubrn).list().stream().map(ProcessInstance::getId).findFirst();
    }

    /**
     * Whether the product is still making or sending the referral ({@code ers-referral} running): its
     * follow-up starts when it is sent, so the referral is not one made elsewhere.
     */
    boolean beingSent(String organisation, String ubrn) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(ReferralProcess.PROCESS_KEY)
                .tenantIdIn(organisation).variableValueEquals(ReferralVariables.UBRN.name(), ubrn).count() > 0;
    }

    /** The e-RS state the follow-up knows (it started with, or was told last), or null. */
    ReferralStatus knownStatus(String processInstanceId) {
        Object known = runtimeService.getVariable(processInstanceId, FollowUp.ERS_STATUS.name());
        return known == null ? null : ReferralStatus.fromCode(known.toString());
    }

    /** Whether the referral was ever followed here (a finished follow-up): then it is not offered again. */
    boolean everFollowed(String organisation, String ubrn) {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                .tenantIdIn(organisation).variableValueEquals(ReferralVariables.UBRN.name(), ubrn).count() > 0;
    }

    /**
     * One message to the follow-up, which must be waiting for it.
     *
     * @throws org.camunda.bpm.engine.MismatchingMessageCorrelationException when it is not waiting (busy in a task)
     */
    void tell(String processInstanceId, Map<String, Object> variables) {
        runtimeService.createMessageCorrelation(FollowUp.MESSAGE_ERS_REFERRAL_CHANGED).processInstanceId(processInstanceId)
                .setVariables(variables).correlateWithResult();
    }

    /** A referral made outside the product: its own follow-up, which offers it to the organisation's coordinators. */
    String startFound(String organisation, String ubrn, Map<String, Object> state) {
        Map<String, Object> variables = new java.util.HashMap<>(state);
        variables.put(ReferralVariables.UBRN.name(), ubrn);
        variables.put(FollowUp.FOUND_IN_ERS.name(), FollowUp.FOUND_IN_ERS.stored(true));
        variables.put(Organisations.START_VARIABLE, organisation);
        return runtimeService.createProcessInstanceByKey(FollowUp.PROCESS_KEY).businessKey(businessKey(ubrn))
                .setVariables(variables).execute().getId();
    }

    static String businessKey(String ubrn) {
        return "ers-" + ubrn;
    }
}
