package org.ersreferral.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.batch.BatchJobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * How long a job waited between becoming due (its due date, or its creation when it has none, as
 * every asynchronous step) and starting to run on a job executor thread of this node: the timer
 * {@code referral.job.acquisition.delay}, tagged with the job's handler type (a closed set such as
 * {@code async-continuation}, {@code timer-transition}). It covers acquisition polling, the executor's
 * queue and waits for an exclusive job of the same referral. Jobs run outside the job executor
 * (Cockpit's "run now", tests) are not measured.
 */
@Component
class JobAcquisitionDelay extends AbstractProcessEnginePlugin {

    static final String TIMER = "referral.job.acquisition.delay";

    private final MeterRegistry registry;

    JobAcquisitionDelay(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        Map<String, JobHandler> handlers = configuration.getJobHandlers();
        // Batch job handlers stay as they are: the engine casts them to BatchJobHandler.
        handlers.replaceAll((type, handler) -> handler instanceof BatchJobHandler ? handler : new Measured(handler, timer(type)));
    }

    private Timer timer(String type) {
        return Timer.builder(TIMER)
                .description("Time from a job being due to a job executor thread starting it")
                .tag("type", type)
                // Histogram buckets, so that percentiles can be taken over several nodes and any period.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    /** The engine's own handler, timed as it starts. */
    private static final class Measured<T extends JobHandlerConfiguration> implements JobHandler<T> {
        private final JobHandler<T> handler;
        private final Timer timer;

        Measured(JobHandler<T> handler, Timer timer) {
            this.handler = handler;
            this.timer = timer;
        }

        @Override
        public String getType() {
            return handler.getType();
        }

        @Override
        public void execute(T configuration, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
            JobExecutorContext jobExecutorContext = Context.getJobExecutorContext();
            JobEntity job = jobExecutorContext == null ? null : jobExecutorContext.getCurrentJob();
            if (job != null) {
                Date due = job.getDuedate() != null ? job.getDuedate() : job.getCreateTime();
                if (due != null) {
                    timer.record(Math.max(0, ClockUtil.getCurrentTime().getTime() - due.getTime()), TimeUnit.MILLISECONDS);
                }
            }
            handler.execute(configuration, execution, commandContext, tenantId);
        }

        @Override
        public T newConfiguration(String canonicalString) {
            return handler.newConfiguration(canonicalString);
        }

        @Override
        public void onDelete(T configuration, JobEntity jobEntity) {
            handler.onDelete(configuration, jobEntity);
        }
    }
}
