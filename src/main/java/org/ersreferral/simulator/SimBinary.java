package org.ersreferral.simulator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A file uploaded with A020, kept so A012 can attach it. */
@Entity
@Table(name = "sim_binary")
class SimBinary {

    @Id
    @Column(length = 36)
    private String id;
    private String fileName;
    private String contentType;
    /** UBRN given in NHSD-eRS-Referral-ID at upload; only such files can be attached (A012). */
    private String referralId;
    private Instant uploaded;
    /** eRS-AvailabilityStatus-1 once attached: null while AVAILABLE; THREATS_FOUND or VALIDATION_FAILED when e-RS refused it. */
    @Column(length = 20)
    private String availability;
    // Not @Lob: a plain varbinary/bytea column works the same on H2 and PostgreSQL.
    @Column(length = 6_000_000)
    private byte[] content;

    protected SimBinary() {
    }

    SimBinary(String id, String fileName, String contentType, String referralId, byte[] content) {
        this.id = id;
        this.fileName = fileName;
        this.contentType = contentType;
        this.referralId = referralId;
        this.content = content;
        this.uploaded = Instant.now();
    }

    String id() { return id; }
    String fileName() { return fileName; }
    String contentType() { return contentType; }
    String referralId() { return referralId; }
    Instant uploaded() { return uploaded; }
    byte[] content() { return content; }
    long size() { return content == null ? 0 : content.length; }
    String availability() { return availability == null ? "AVAILABLE" : availability; }
    void failCheck(String status) { this.availability = status; }
}
