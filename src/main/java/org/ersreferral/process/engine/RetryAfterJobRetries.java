package org.ersreferral.process.engine;

import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ersreferral.ers.ErsException;
import org.springframework.stereotype.Component;

/**
 * When e-RS rate-limits a call (429), the failed job is retried when e-RS said to (Retry-After),
 * and a state change that got no answer comes back when it is time to check it (A005), not on the
 * model's fixed back-off. A call the shared e-RS call budget kept from being sent comes back when
 * the budget has room and keeps all its retries: waiting for its turn is no failure, and never ends
 * in an incident. Every other failure keeps the model's retry cycle.
 */
@Component
class RetryAfterJobRetries extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setFailedJobCommandFactory(new RetryAfterAwareFactory());
    }

    /** Seconds the failure asks the job to wait, or null to keep the model's retry cycle. */
    static Long retryAfterSeconds(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ErsException.RateLimited limited) {
                return limited.retryAfterSeconds();
            }
            if (cause instanceof ErsException.ReconcileLater later) {
                return later.retryAfterSeconds();
            }
        }
        return null;
    }

    /** Seconds until the call budget has room, when the failure is a call it kept back; else null. */
    static Long throttledSeconds(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ErsException.Throttled throttled) {
                return throttled.retryAfterSeconds();
            }
        }
        return null;
    }

    static final class RetryAfterAwareFactory implements FailedJobCommandFactory {
        @Override
        public Command<Object> getCommand(String jobId, Throwable exception) {
            Long throttledSeconds = throttledSeconds(exception);
            if (throttledSeconds != null) {
                return new ComeBackForBudget(jobId, exception, throttledSeconds);
            }
            Long retryAfterSeconds = retryAfterSeconds(exception);
            if (retryAfterSeconds == null) {
                return new DefaultJobRetryCmd(jobId, exception);
            }
            return new DefaultJobRetryCmd(jobId, exception) {
                @Override
                public Object execute(CommandContext commandContext) {
                    super.execute(commandContext);
                    JobEntity job = commandContext.getJobManager().findJobById(jobId);
                    if (job != null && job.getRetries() > 0) {
                        job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + retryAfterSeconds * 1000));
                    }
                    return null;
                }
            };
        }
    }

    /**
     * Unlocks the job and makes it due when the budget has room, leaving its retries and its last
     * failure as they were (the model's retry cycle still starts afresh at the first real failure).
     */
    static final class ComeBackForBudget extends JobRetryCmd {
        private final long afterSeconds;

        ComeBackForBudget(String jobId, Throwable exception, long afterSeconds) {
            super(jobId, exception);
            this.afterSeconds = afterSeconds;
        }

        @Override
        public Object execute(CommandContext commandContext) {
            JobEntity job = getJob();
            if (job != null) {
                job.unlock();
                job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + afterSeconds * 1000));
                notifyAcquisition(commandContext);
            }
            return null;
        }
    }
}
