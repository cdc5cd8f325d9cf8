package org.ersreferral.referral;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The application's record of one referral request, kept in step with its process instance. The
 * unique request id is what makes starting a referral idempotent, whichever way it was started.
 * Holds no patient identifiers.
 */
@Entity
@Table(name = "referral_record",
        uniqueConstraints = @UniqueConstraint(name = "uk_referral_record_request_id", columnNames = "request_id"),
        indexes = {@Index(name = "ix_referral_record_process_instance", columnList = "process_instance_id"),
                // Analyst reports select referrals by the day they were requested or completed.
                @Index(name = "ix_referral_record_created_at", columnList = "created_at"),
                @Index(name = "ix_referral_record_completed_at", columnList = "completed_at")})
public class ReferralRecord {

    public enum Status { ACTIVE, COMPLETED }

    static final int MAX_SPECIALTY = 60;
    static final int MAX_PRIORITY = 20;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", nullable = false, length = 100)
    private String requestId;

    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Column(length = 12)
    private String ubrn;

    @Column(length = MAX_SPECIALTY)
    private String specialty;

    @Column(length = MAX_PRIORITY)
    private String priority;

    @Column(name = "current_step", length = 200)
    private String currentStep;

    @Column(length = 30)
    private String outcome;

    @Column(nullable = false, length = 20)
    private String status = Status.ACTIVE.name();

    /** ODS code of the organisation that requested it (its instance's tenant id); null: made before these were kept. */
    @Column(length = 20)
    private String organisation;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Version
    private long version;

    protected ReferralRecord() {
    }

    public ReferralRecord(String requestId, String processInstanceId, String specialty, String priority, Instant createdAt) {
        this.requestId = requestId;
        this.processInstanceId = processInstanceId;
        this.specialty = specialty;
        this.priority = priority;
        this.createdAt = createdAt;
    }

    public String getOrganisation() {
        return organisation;
    }

    public void setOrganisation(String organisation) {
        this.organisation = organisation;
    }

    public Long getId() {
        return id;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getUbrn() {
        return ubrn;
    }

    public void setUbrn(String ubrn) {
        this.ubrn = ubrn;
    }

    public String getSpecialty() {
        return specialty;
    }

    public void setSpecialty(String specialty) {
        this.specialty = specialty;
    }

    public String getPriority() {
        return priority;
    }

    public String getCurrentStep() {
        return currentStep;
    }

    public void setCurrentStep(String currentStep) {
        this.currentStep = currentStep;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public Status getStatus() {
        return Status.valueOf(status);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public void complete(String outcome, Instant at) {
        this.outcome = outcome;
        this.status = Status.COMPLETED.name();
        this.completedAt = at;
        this.currentStep = null;
    }
}
