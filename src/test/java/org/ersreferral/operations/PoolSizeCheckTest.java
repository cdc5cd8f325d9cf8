package org.ersreferral.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;

/** The start-up warning about an engine pool too small for the job executor's threads. */
class PoolSizeCheckTest {

    @Test
    void aPoolBelowTwiceTheJobThreadsPlusOneIsNamedWithWhatToSet() {
        String problem = new PoolSizeCheck(pool(12), jobThreads(6, true)).problem();
        assertThat(problem).isEqualTo("The database pool (spring.datasource.hikari.maximum-pool-size, DATABASE_POOL_SIZE) has 12"
                + " connections; the job executor's 6 threads (camunda.bpm.job-execution.max-pool-size, JOB_EXECUTOR_MAX_THREADS)"
                + " need at least 13, plus room for web requests: steps may wait for connections and fail");
    }

    @Test
    void aPoolLargeEnoughOrANodeWithoutJobExecutionIsFine() {
        assertThat(new PoolSizeCheck(pool(13), jobThreads(6, true)).problem()).isNull();
        assertThat(new PoolSizeCheck(pool(20), jobThreads(6, true)).problem()).isNull();
        assertThat(new PoolSizeCheck(pool(2), jobThreads(6, false)).problem()).isNull();
    }

    private static HikariDataSource pool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setMaximumPoolSize(size);
        return pool;
    }

    private static CamundaBpmProperties jobThreads(int threads, boolean enabled) {
        CamundaBpmProperties properties = new CamundaBpmProperties();
        properties.getJobExecution().setMaxPoolSize(threads);
        properties.getJobExecution().setEnabled(enabled);
        return properties;
    }
}
