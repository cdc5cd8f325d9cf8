package org.ersreferral.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One e-RS state a followed referral was seen in ({@link ErsStatesSeen}): e-RS keeps no history of how a
 * referral moved, so this is it. The provider's comments are clinical text about the patient: shown to those
 * who may see the referral, never logged.
 */
@Entity
@Table(name = "ers_state_seen",
        // A repeated message or a retried job adds no second row (nulls are distinct, so this holds for a known lastUpdated;
        // the recorder checks the rest).
        uniqueConstraints = @UniqueConstraint(name = "ux_ers_state_seen", columnNames = {"process_instance_id", "status", "last_updated"}),
        indexes = {@Index(name = "ix_ers_state_seen_business_key", columnList = "business_key, organisation, seen_at"),
                @Index(name = "ix_ers_state_seen_seen_at", columnList = "seen_at")})
class ErsStateRecord {

    static final int MAX_COMMENTS = 10_000;
    static final int MAX_REASON_DISPLAY = 500;
    static final int MAX_SERVICE_ID = 40;
    static final int MAX_SERVICE_NAME = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The follow-up instance that saw it. */
    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;

    /** The referral's request id: the follow-up instance has its referral's business key. */
    @Column(name = "business_key", length = 100)
    private String businessKey;

    /** The referral's organisation (the instance's tenant, an ODS code). */
    @Column(length = 64)
    private String organisation;

    @Column(length = 12)
    private String ubrn;

    /** Engine time. */
    @Column(name = "seen_at", nullable = false)
    private Instant seenAt;

    /** A {@code ReferralStatus} name. */
    @Column(nullable = false, length = 40)
    private String status;

    @Column(name = "reason_code", length = 100)
    private String reasonCode;

    @Column(name = "reason_display", length = MAX_REASON_DISPLAY)
    private String reasonDisplay;

    @Column(length = MAX_COMMENTS)
    private String comments;

    /** e-RS's {@code referralLastUpdated} as e-RS wrote it. */
    @Column(name = "last_updated", length = 40)
    private String lastUpdated;

    /** A {@code WorklistType} name, or null when the referral was on none. */
    @Column(length = 40)
    private String worklist;

    /** The service it was with, when the referral names one (the service booked or sent to), for the analysts' rates. */
    @Column(name = "service_id", length = MAX_SERVICE_ID)
    private String serviceId;

    /** That service's name as e-RS's service search gave it to the referral, when known. */
    @Column(name = "service_name", length = MAX_SERVICE_NAME)
    private String serviceName;

    /** Where in the follow-up it was recorded: the element's id. */
    @Column(name = "seen_by", length = 100)
    private String seenBy;

    protected ErsStateRecord() {
    }

    ErsStateRecord(String processInstanceId, String businessKey, String organisation, String ubrn, Instant seenAt, String status,
                   String reasonCode, String reasonDisplay, String comments, String lastUpdated, String worklist,
                   String serviceId, String serviceName, String seenBy) {
        this.processInstanceId = processInstanceId;
        this.businessKey = businessKey;
        this.organisation = organisation;
        this.ubrn = ubrn;
        this.seenAt = seenAt;
        this.status = status;
        this.reasonCode = reasonCode;
        this.reasonDisplay = reasonDisplay;
        this.comments = comments;
        this.lastUpdated = lastUpdated;
        this.worklist = worklist;
        this.serviceId = serviceId;
        this.serviceName = serviceName;
        this.seenBy = seenBy;
    }

    Long getId() {
        return id;
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    String getBusinessKey() {
        return businessKey;
    }

    String getOrganisation() {
        return organisation;
    }

    String getUbrn() {
        return ubrn;
    }

    Instant getSeenAt() {
        return seenAt;
    }

    String getStatus() {
        return status;
    }

    String getReasonCode() {
        return reasonCode;
    }

    String getReasonDisplay() {
        return reasonDisplay;
    }

    String getComments() {
        return comments;
    }

    String getLastUpdated() {
        return lastUpdated;
    }

    String getWorklist() {
        return worklist;
    }

    String getServiceId() {
        return serviceId;
    }

    String getSeenBy() {
        return seenBy;
    }
}
