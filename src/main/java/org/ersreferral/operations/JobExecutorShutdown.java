package org.ersreferral.operations;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The job executor's threads, and their end when the application stops. Camunda's own pool is
 * cut off (running jobs interrupted, queued ones dropped but still locked for the lock time) as soon
 * as the context closes. Here, alongside the web server's graceful shutdown, job acquisition stops
 * first; then the jobs already running finish within {@code referral.operations.job-shutdown-timeout},
 * and jobs acquired but not started are handed back (Camunda unlocks them once its executor is no
 * longer active), so another node runs them at once instead of after the lock time.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true", matchIfMissing = true)
class JobExecutorShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(JobExecutorShutdown.class);
    /** The name Camunda's starter looks up (and then does not make its own pool). */
    static final String TASK_EXECUTOR = "camundaTaskExecutor";

    @Bean(TASK_EXECUTOR)
    static ThreadPoolTaskExecutor camundaTaskExecutor(CamundaBpmProperties properties) {
        JobExecutionProperty jobExecution = properties.getJobExecution();
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(jobExecution.getCorePoolSize());
        executor.setMaxPoolSize(jobExecution.getMaxPoolSize());
        executor.setQueueCapacity(jobExecution.getQueueCapacity());
        if (jobExecution.getKeepAliveSeconds() != null) {
            executor.setKeepAliveSeconds(jobExecution.getKeepAliveSeconds());
        }
        executor.setThreadNamePrefix("job-executor-");
        // No cut-off when the context closes: the lifecycle below ends the pool in order.
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        return executor;
    }

    @Bean
    static SmartLifecycle jobExecutorGracefulShutdown(ProcessEngine engine,
            @Qualifier(TASK_EXECUTOR) ThreadPoolTaskExecutor executor,
            @Value("${referral.operations.job-shutdown-timeout:35s}") Duration timeout) {
        return new GracefulStop(engine, executor, timeout);
    }

    static final class GracefulStop implements SmartLifecycle {
        private final ProcessEngine engine;
        private final ThreadPoolTaskExecutor executor;
        private final Duration timeout;
        private volatile boolean running;

        GracefulStop(ProcessEngine engine, ThreadPoolTaskExecutor executor, Duration timeout) {
            this.engine = engine;
            this.executor = executor;
            this.timeout = timeout;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            try {
                JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
                if (jobExecutor != null && jobExecutor.isActive()) {
                    // No more acquisitions; acquired jobs not yet started are unlocked rather than run.
                    jobExecutor.shutdown();
                }
                ThreadPoolExecutor pool = executor.getThreadPoolExecutor();
                pool.shutdown();
                if (pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.info("Job executor stopped: running jobs finished, the others handed back");
                } else {
                    LOG.warn("Jobs still running after {}; their locks expire and another node runs them again", timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running = false;
            }
        }

        /** In parallel with the web server's graceful shutdown, and within the same phase timeout. */
        @Override
        public void stop(Runnable callback) {
            Thread stopping = new Thread(() -> {
                try {
                    stop();
                } finally {
                    callback.run();
                }
            }, "job-executor-shutdown");
            stopping.start();
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
        }
    }
}
