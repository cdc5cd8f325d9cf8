package org.ersreferral.operations;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of the process engine, in two parts so that the probes can use them differently:
 * {@code engine} asks the engine a question (which needs the database), {@code jobExecutor} only
 * looks whether this node's job executor is running. Liveness uses the second only, so a database
 * outage takes nodes out of the load balancer (readiness) without restarting all of them.
 */
@Configuration(proxyBeanMethods = false)
class EngineHealth {

    @Bean
    EngineHealthIndicator engineHealthIndicator(ProcessEngine engine) {
        return new EngineHealthIndicator(engine);
    }

    @Bean
    JobExecutorHealthIndicator jobExecutorHealthIndicator(ProcessEngine engine,
            @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
        return new JobExecutorHealthIndicator(engine, jobExecutionEnabled);
    }

    /** Up when the engine answers a query: its deployments are readable, so it can start and continue referrals. */
    static final class EngineHealthIndicator extends AbstractHealthIndicator {
        private final ProcessEngine engine;

        EngineHealthIndicator(ProcessEngine engine) {
            super("Process engine not reachable");
            this.engine = engine;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            long deployments = engine.getRepositoryService().createDeploymentQuery().count();
            builder.up().withDetail("name", engine.getName()).withDetail("deployments", deployments);
        }
    }

    /**
     * Up while the job executor acquires jobs; without it no asynchronous step (every e-RS call) runs on
     * this node. A node started with job execution off on purpose serves the web only and is up.
     */
    static final class JobExecutorHealthIndicator extends AbstractHealthIndicator {
        private final ProcessEngine engine;
        private final boolean jobExecutionEnabled;

        JobExecutorHealthIndicator(ProcessEngine engine, boolean jobExecutionEnabled) {
            super("Job executor state unknown");
            this.engine = engine;
            this.jobExecutionEnabled = jobExecutionEnabled;
        }

        @Override
        protected void doHealthCheck(Health.Builder builder) {
            if (!jobExecutionEnabled) {
                builder.up().withDetail("enabled", false);
                return;
            }
            JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
            boolean active = jobExecutor != null && jobExecutor.isActive();
            (active ? builder.up() : builder.down()).withDetail("active", active);
        }
    }
}
