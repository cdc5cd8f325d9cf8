package org.ersreferral.process.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobManager;
import org.springframework.stereotype.Component;

/**
 * The next e-RS step of a referral runs on the job thread that ran the previous one, right after its
 * commit, instead of waiting for the job executor to acquire it. The engine already does this for an
 * exclusive job created by an exclusive job of the same process instance; each e-RS step is an
 * instance of its own (a call of {@code ers-step}), so the engine's rule is widened to the same root
 * process instance, i.e. the same referral. The chained job is locked by this node in the transaction
 * that creates it, so it is still a job of its own: its own transaction, retries and incident, and
 * run by another node after the lock time if this one dies.
 */
@Component
class StepChaining extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // After the engine's own factories: this one replaces the engine's JobManager.
        EngineExtensions.addSessionFactory(configuration, new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return JobManager.class;
            }

            @Override
            public Session openSession() {
                return new ReferralJobManager();
            }
        });
    }

    static class ReferralJobManager extends JobManager {

        @Override
        protected boolean areInSameProcessInstance(JobEntity job1, JobEntity job2) {
            if (super.areInSameProcessInstance(job1, job2)) {
                return true;
            }
            String root = rootProcessInstanceId(job1);
            return root != null && root.equals(rootProcessInstanceId(job2));
        }

        private static String rootProcessInstanceId(JobEntity job) {
            if (job == null || job.getExecutionId() == null) {
                return null;
            }
            ExecutionEntity execution = job.getExecution();
            return execution == null ? null : execution.getRootProcessInstanceId();
        }
    }
}
