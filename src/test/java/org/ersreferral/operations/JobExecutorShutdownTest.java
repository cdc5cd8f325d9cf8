package org.ersreferral.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The job executor's stop: acquisition first, then running jobs finish, bounded by the timeout. */
class JobExecutorShutdownTest {

    private final ProcessEngine engine = mock(ProcessEngine.class);
    private final ProcessEngineConfigurationImpl configuration = mock(ProcessEngineConfigurationImpl.class);
    private final JobExecutor jobExecutor = mock(JobExecutor.class);
    private ThreadPoolTaskExecutor pool;

    @BeforeEach
    void engineWithARunningJobExecutor() {
        when(engine.getProcessEngineConfiguration()).thenReturn(configuration);
        when(configuration.getJobExecutor()).thenReturn(jobExecutor);
        when(jobExecutor.isActive()).thenReturn(true);
        pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(2);
        pool.setMaxPoolSize(2);
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.initialize();
    }

    @AfterEach
    void noThreadLeft() {
        pool.getThreadPoolExecutor().shutdownNow();
    }

    @Test
    void aRunningJobFinishesUninterruptedAfterAcquisitionHasStopped() throws Exception {
        CountDownLatch jobStarted = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        pool.execute(() -> {
            jobStarted.countDown();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.set(true);
                    return;
                }
            }
            finished.set(true);
        });
        assertThat(jobStarted.await(5, TimeUnit.SECONDS)).isTrue();
        JobExecutorShutdown.GracefulStop stop = new JobExecutorShutdown.GracefulStop(engine, pool, Duration.ofSeconds(10));
        stop.start();
        assertThat(stop.isRunning()).isTrue();

        stop.stop();

        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
        assertThat(pool.getThreadPoolExecutor().isTerminated()).isTrue();
        assertThat(stop.isRunning()).isFalse();
        InOrder order = inOrder(jobExecutor);
        order.verify(jobExecutor).isActive();
        order.verify(jobExecutor).shutdown();
    }

    @Test
    void aJobThatOutlastsTheTimeoutDoesNotHoldTheStopUp() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch jobStarted = new CountDownLatch(1);
        pool.execute(() -> {
            jobStarted.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(jobStarted.await(5, TimeUnit.SECONDS)).isTrue();
        JobExecutorShutdown.GracefulStop stop = new JobExecutorShutdown.GracefulStop(engine, pool, Duration.ofMillis(200));
        stop.start();

        CountDownLatch callback = new CountDownLatch(1);
        long started = System.nanoTime();
        stop.stop(callback::countDown);

        assertThat(callback.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200))
                .isLessThan(Duration.ofSeconds(5));
        assertThat(pool.getThreadPoolExecutor().isTerminated()).isFalse();
        assertThat(stop.isRunning()).isFalse();
        never.countDown();
    }
}
