package org.ersreferral.ers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A referral's open e-RS professional session, shared by the cluster's nodes. Kept apart from
 * process variables on purpose: the id is a credential, and variables are readable in Tasklist and
 * REST and kept in history.
 */
@Entity
@Table(name = "ers_session")
class ErsSessionRecord {

    @Id
    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Column(name = "session_id", nullable = false, length = 200)
    private String sessionId;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ErsSessionRecord() {
    }

    ErsSessionRecord(String processInstanceId, String sessionId, Instant updatedAt) {
        this.processInstanceId = processInstanceId;
        this.sessionId = sessionId;
        this.updatedAt = updatedAt;
    }

    String sessionId() {
        return sessionId;
    }
}
