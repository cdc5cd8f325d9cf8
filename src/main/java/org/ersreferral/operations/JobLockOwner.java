package org.ersreferral.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Names this node in the jobs it holds ({@code LOCK_OWNER_} of {@code ACT_RU_JOB}), so an operator
 * sees which node has which work, and which work waits for a dead node's locks to expire. Unset, the
 * engine's own random id per start. Each node needs a name of its own.
 */
@Component
class JobLockOwner extends AbstractProcessEnginePlugin {

    private final String owner;

    JobLockOwner(@Value("${referral.operations.job-lock-owner:}") String owner) {
        if (owner != null && owner.length() > 255) {
            throw new IllegalArgumentException("referral.operations.job-lock-owner (JOB_LOCK_OWNER) is at most 255 characters");
        }
        this.owner = owner == null ? "" : owner.trim();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        if (!owner.isEmpty() && configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(owner);
        }
    }
}
