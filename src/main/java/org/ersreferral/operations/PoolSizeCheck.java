package org.ersreferral.operations;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns at start-up when the engine's pool is too small for its job executor: each job thread may
 * hold two connections at once (its step's, and one to record an e-RS call in a transaction of its
 * own), and job acquisition needs one. Below that, steps wait on each other for connections until
 * the pool's timeout fails them.
 */
@Component
class PoolSizeCheck {

    private static final Logger LOG = LoggerFactory.getLogger(PoolSizeCheck.class);

    private final DataSource dataSource;
    private final CamundaBpmProperties camunda;

    PoolSizeCheck(DataSource dataSource, CamundaBpmProperties camunda) {
        this.dataSource = dataSource;
        this.camunda = camunda;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenTooSmall() {
        String problem = problem();
        if (problem != null) {
            LOG.warn(problem);
        }
    }

    /** What is wrong with the sizes, or null when the pool can serve every job thread. */
    String problem() {
        if (!(dataSource instanceof HikariDataSource pool) || !camunda.getJobExecution().isEnabled()) {
            return null;
        }
        int jobThreads = camunda.getJobExecution().getMaxPoolSize();
        int needed = minimumPoolSize(jobThreads);
        if (pool.getMaximumPoolSize() >= needed) {
            return null;
        }
        return "The database pool (spring.datasource.hikari.maximum-pool-size, DATABASE_POOL_SIZE) has "
                + pool.getMaximumPoolSize() + " connections; the job executor's " + jobThreads
                + " threads (camunda.bpm.job-execution.max-pool-size, JOB_EXECUTOR_MAX_THREADS) need at least " + needed
                + ", plus room for web requests: steps may wait for connections and fail";
    }

    static int minimumPoolSize(int jobThreads) {
        return 2 * jobThreads + 1;
    }
}
