package org.ersreferral.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.junit.jupiter.api.Test;

class JobLockOwnerTest {

    private final DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
    private final ProcessEngine engine = mock(ProcessEngine.class);

    JobLockOwnerTest() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJobExecutor(jobExecutor);
        when(engine.getProcessEngineConfiguration()).thenReturn(configuration);
    }

    @Test
    void theNodeNamesItselfInTheJobsItHolds() {
        new JobLockOwner(" node-a ").postProcessEngineBuild(engine);

        assertThat(jobExecutor.getLockOwner()).isEqualTo("node-a");
    }

    @Test
    void unsetTheEngineKeepsItsRandomOwner() {
        String random = jobExecutor.getLockOwner();

        new JobLockOwner("").postProcessEngineBuild(engine);

        assertThat(jobExecutor.getLockOwner()).isEqualTo(random).isNotBlank();
    }

    @Test
    void aNameLongerThanTheColumnIsRefused() {
        assertThatThrownBy(() -> new JobLockOwner("n".repeat(256))).hasMessageContaining("JOB_LOCK_OWNER");
    }
}
