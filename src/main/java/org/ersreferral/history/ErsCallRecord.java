package org.ersreferral.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One e-RS call made for a referral: what, when, how it went. Kept even when the step's job rolled back. */
@Entity
@Table(name = "ers_call_record", indexes = {
        // Leads with the referral for its timeline; covers the analyst reports' counts and durations.
        // The referral's timeline, and whether a step's operation failed before.
        @Index(name = "ix_ers_call_process_step", columnList = "process_instance_id, step, operation, status"),
        // Covers the analyst reports: a range of request times, without a join when no other filter is set.
        @Index(name = "ix_ers_call_requested", columnList = "requested_at, operation, status, duration_ms, retry"),
        @Index(name = "ix_ers_call_started_at", columnList = "started_at")})
public class ErsCallRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Column(length = 100)
    private String step;

    @Column(length = 10)
    private String operation;

    @Column(name = "correlation_id", length = 200)
    private String correlationId;

    @Column(length = 10)
    private String method;

    @Column(length = 300)
    private String path;

    /** HTTP status; 0 when no answer came. */
    private int status;

    /** The I/O failure when no answer came. */
    @Column(length = 100)
    private String failure;

    @Column(name = "duration_ms")
    private long durationMs;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    /**
     * When the referral was requested, copied from its record: the reports select calls by it, and a
     * copy spares them a join over every call.
     */
    @Column(name = "requested_at")
    private Instant requestedAt;

    /** Made after an earlier call of the same operation at the same step of the referral had failed. */
    @Column(name = "retry", nullable = false, columnDefinition = "BOOLEAN DEFAULT FALSE")
    private boolean retry;

    protected ErsCallRecord() {
    }

    ErsCallRecord(String processInstanceId, String step, String operation, String correlationId, String method, String path,
                  int status, String failure, long durationMs, Instant startedAt, Instant requestedAt, boolean retry) {
        this.processInstanceId = processInstanceId;
        this.step = step;
        this.operation = operation;
        this.correlationId = correlationId;
        this.method = method;
        this.path = path;
        this.status = status;
        this.failure = failure;
        this.durationMs = durationMs;
        this.startedAt = startedAt;
        this.requestedAt = requestedAt;
        this.retry = retry;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getStep() {
        return step;
    }

    public String getOperation() {
        return operation;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public String getMethod() {
        return method;
    }

    public String getPath() {
        return path;
    }

    public int getStatus() {
        return status;
    }

    public String getFailure() {
        return failure;
    }

    public long getDurationMs() {
        return durationMs;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public boolean isRetry() {
        return retry;
    }
}
