package org.ersreferral.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralInputRefused;
import org.ersreferral.process.ReferralProcess;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives every {@code ers-referral} instance its organisation as tenant id, however it is started
 * (API, Tasklist, {@code /engine-rest}): the one organisation of the user who starts it, or the one
 * they name in the start variable {@value Organisations#START_VARIABLE}; the {@code ers-step}
 * instances a referral calls get the referral's. The engine's tenant check
 * then keeps its tasks, variables and history to that organisation's members (and admins).
 */
@Component
class OrganisationTenantIds extends AbstractProcessEnginePlugin implements TenantIdProvider {

    /** Not {@link Organisations}: that needs the engine this plugin helps to build. */
    private final String defaultOrganisation;

    OrganisationTenantIds(@Value("${ers.ods-code}") String defaultOrganisation) {
        this.defaultOrganisation = defaultOrganisation;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(this);
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
        if (ReferralProcess.STEP_PROCESS_KEY.equals(context.getProcessDefinition().getKey())) {
            // An e-RS step belongs to the organisation of the referral that called it, whoever's job or task ran it.
            return context.getSuperExecution() == null ? null : context.getSuperExecution().getTenantId();
        }
        Authentication authentication = Context.getCommandContext() == null ? null
                : Context.getCommandContext().getAuthentication();
        if (FollowUp.PROCESS_KEY.equals(context.getProcessDefinition().getKey())) {
            return followUpOrganisation(context, authentication);
        }
        if (!ReferralProcess.PROCESS_KEY.equals(context.getProcessDefinition().getKey())) {
            return null;
        }
        if (authentication == null || authentication.getUserId() == null) {
            // The application itself (jobs, tests through the Java API): the configured organisation.
            return defaultOrganisation;
        }
        List<String> memberships = authentication.getTenantIds() == null ? List.of() : authentication.getTenantIds();
        boolean admin = authentication.getGroupIds() != null && authentication.getGroupIds().contains(AccessGroups.ADMINS);
        Object requested = context.getVariables() == null ? null : context.getVariables().get(Organisations.START_VARIABLE);
        try {
            return Organisations.choose(memberships, admin, requested == null ? null : requested.toString(),
                    defaultOrganisation);
        } catch (Organisations.OrganisationNotChosen refused) {
            // 403 and 400 on the engine's APIs, with these words.
            throw refused.forbidden() ? new AuthorizationException(refused.getMessage()) : new ReferralInputRefused(refused.getMessage());
        }
    }

    /**
     * A follow-up belongs to the referral whose outcome started it (that execution is running the start);
     * one the application's worklist sync starts for a referral found in e-RS, to the organisation whose
     * worklist had it. Nobody else starts one.
     */
    private static String followUpOrganisation(TenantIdProviderProcessInstanceContext context, Authentication authentication) {
        BpmnExecutionContext starting = Context.getBpmnExecutionContext();
        if (starting != null && starting.getExecution() != null
                && ReferralProcess.PROCESS_KEY.equals(starting.getExecution().getProcessDefinition().getKey())) {
            return starting.getExecution().getTenantId();
        }
        Object organisation = context.getVariables() == null ? null : context.getVariables().get(Organisations.START_VARIABLE);
        if (authentication == null || authentication.getUserId() == null) {
            if (organisation == null || organisation.toString().isBlank()) {
                throw new ReferralInputRefused("organisation: a follow-up found in e-RS needs the organisation whose worklist had it");
            }
            return organisation.toString().trim();
        }
        throw new AuthorizationException("A referral is followed in e-RS once it is sent; nobody starts that by hand");
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
        return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
        // A decision evaluated inside a referral takes the referral's tenant from the engine itself.
        return context.getExecution() != null ? context.getExecution().getTenantId() : null;
    }
}
