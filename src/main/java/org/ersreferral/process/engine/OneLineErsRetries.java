package org.ersreferral.process.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.ersreferral.ers.ErsException;
import org.springframework.stereotype.Component;

/**
 * A job that failed on e-RS (5xx, 429, no answer, a change to check later) is logged in one line by
 * the step itself, not with the job executor's stack trace on every retry: e-RS faults are expected
 * and frequent, and the incident in Cockpit keeps the whole trace. Every other job failure is logged
 * as the engine logs it.
 */
@Component
class OneLineErsRetries extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        ExecuteJobHelper.ExceptionLoggingHandler engineLogging = ExecuteJobHelper.LOGGING_HANDLER;
        if (!(engineLogging instanceof SkipErsFailures)) {
            ExecuteJobHelper.LOGGING_HANDLER = new SkipErsFailures(engineLogging);
        }
    }

    record SkipErsFailures(ExecuteJobHelper.ExceptionLoggingHandler engineLogging)
            implements ExecuteJobHelper.ExceptionLoggingHandler {

        @Override
        public void exceptionWhileExecutingJob(String jobId, Throwable failure) {
            if (!causedByErs(failure)) {
                engineLogging.exceptionWhileExecutingJob(jobId, failure);
            }
        }
    }

    static boolean causedByErs(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ErsException) {
                return true;
            }
        }
        return false;
    }
}
