package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

/**
 * The metrics and health a monitoring system reads, followed through a real referral: the job
 * backlog while the job executor is stopped (readiness then down), the e-RS call timer and the open
 * user tasks once it runs, and an open incident; no patient identifier ever appears in the metrics.
 */
// Spring Boot tests leave metrics export off unless asked: the Prometheus endpoint is what is under test.
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {
        "referral.monitoring.user-id=" + OperationsMetricsTest.MONITORING_USER,
        "referral.monitoring.password=" + OperationsMetricsTest.MONITORING_PASSWORD,
        // Every scrape sees the engine's counts as they are now.
        "referral.operations.metrics-cache-time=0s",
        "ers.read-timeout=20s"})
class OperationsMetricsTest extends LiveReferralTest {

    static final String MONITORING_USER = "prometheus";
    static final String MONITORING_PASSWORD = "scrape-secret-for-tests";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    ProcessEngine engine;

    @Test
    void metricsAndHealthFollowAReferral() {
        String before = scrape();
        double callsBefore = sum(before, "ers_calls_seconds_count", "operation=\"A010\"", "outcome=\"SUCCESS\"", "status=\"200\"");
        double freshTasksBefore = sum(before, "referral_user_tasks_open", "age=\"under_1h\"");
        double jobsDueBefore = sum(before, "referral_jobs_due");
        double budgetedBefore = sum(before, "ers_budget_waits_seconds_count", "outcome=\"sent\"");
        assertThat(probe("/actuator/health/readiness")).isEqualTo("200 {\"status\":\"UP\"}");

        JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        jobExecutor.shutdown();
        ProcessInstance referral;
        try {
            referral = start("metrics-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
            assertThat(sum(scrape(), "referral_jobs_due")).as("the referral's first step waits").isEqualTo(jobsDueBefore + 1);
            // Without its job executor a node does no e-RS step: out of service, and restarted if it stays so.
            assertThat(probe("/actuator/health/readiness")).isEqualTo("503 {\"status\":\"DOWN\"}");
            assertThat(probe("/actuator/health/liveness")).isEqualTo("503 {\"status\":\"DOWN\"}");
        } finally {
            jobExecutor.start();
        }
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);
        assertThat(probe("/actuator/health/readiness")).isEqualTo("200 {\"status\":\"UP\"}");
        assertThat(probe("/actuator/health/liveness")).isEqualTo("200 {\"status\":\"UP\"}");

        String after = scrape();
        assertThat(sum(after, "ers_calls_seconds_count", "operation=\"A010\"", "outcome=\"SUCCESS\"", "status=\"200\""))
                .isEqualTo(callsBefore + 1);
        assertThat(sum(after, "ers_calls_seconds_bucket", "operation=\"A010\"", "le=\"+Inf\"")).isEqualTo(callsBefore + 1);
        assertThat(sum(after, "ers_calls_seconds_sum", "operation=\"A010\"")).isPositive();
        // Every e-RS call took its place in the shared budget first.
        assertThat(sum(after, "ers_budget_waits_seconds_count", "outcome=\"sent\"")).isGreaterThanOrEqualTo(budgetedBefore + 1);
        assertThat(sum(after, "referral_user_tasks_open", "age=\"under_1h\"")).isEqualTo(freshTasksBefore + 1);
        assertThat(sum(after, "referral_jobs_due")).isEqualTo(jobsDueBefore);
        // The benchmark's figures: statements on the engine's pool, and job delays as histogram buckets.
        assertThat(sum(after, "referral_sql_statements_total", "kind=\"single\"")).isPositive();
        assertThat(after).contains("referral_sql_statements_total{application=\"ers-referral\",kind=\"batched\"}");
        assertThat(sum(after, "referral_job_acquisition_delay_seconds_bucket", "type=\"async-continuation\"", "le=\"+Inf\""))
                .isPositive();
        // Tags name operations, statuses and ages only: no patient, referral, instance or request id.
        assertThat(after).doesNotContain(NHS_NUMBER).doesNotContain(referral.getId())
                .doesNotContain("metrics-1").doesNotContain("correlation");

        double incidentsBefore = sum(after, "referral_incidents_open");
        Incident incident = runtimeService.createIncident("monitoring-check", referral.getId(), "metrics test");
        assertThat(sum(scrape(), "referral_incidents_open")).isEqualTo(incidentsBefore + 1);
        runtimeService.resolveIncident(incident.getId());
        assertThat(sum(scrape(), "referral_incidents_open")).isEqualTo(incidentsBefore);
    }

    /** The Prometheus text as a scraper reads it, with the monitoring credential. */
    private String scrape() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Accept", "text/plain")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (MONITORING_USER + ":" + MONITORING_PASSWORD).getBytes(StandardCharsets.UTF_8))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** A probe as the load balancer calls it: no account. */
    private String probe(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)));
        return response.statusCode() + " " + response.body();
    }

    /** Sum of the samples of {@code metric} whose labels contain every one of {@code labels}. */
    static double sum(String scrape, String metric, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
