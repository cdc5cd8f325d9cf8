package org.ersreferral.process.step;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** A row of the e-RS request journal ({@link JournalEntry}). */
@Entity
@Table(name = "ers_request_journal", uniqueConstraints = @UniqueConstraint(name = "ux_ers_request_attempt",
        columnNames = {"process_instance_id", "step", "request_key", "attempt"}))
class ErsRequestRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;

    @Column(nullable = false, length = 100)
    private String step;

    @Column(nullable = false, length = 10)
    private String operation;

    @Column(name = "request_key", nullable = false, length = 100)
    private String requestKey;

    @Column(nullable = false)
    private int attempt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private JournalEntry.Status status;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    @Column(name = "sent_version", length = 40)
    private String sentVersion;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "answer_ubrn", length = 20)
    private String answerUbrn;

    @Column(name = "answer_version", length = 40)
    private String answerVersion;

    @Column(name = "answer_reference", length = 200)
    private String answerReference;

    protected ErsRequestRecord() {
    }

    ErsRequestRecord(String processInstanceId, String step, String operation, String requestKey, int attempt,
                     Instant sentAt, String sentVersion) {
        this.processInstanceId = processInstanceId;
        this.step = step;
        this.operation = operation;
        this.requestKey = requestKey;
        this.attempt = attempt;
        this.status = JournalEntry.Status.SENT;
        this.sentAt = sentAt;
        this.sentVersion = sentVersion;
    }

    void answer(Instant at, String ubrn, String version, String reference) {
        status = JournalEntry.Status.ANSWERED;
        answeredAt = at;
        answerUbrn = ubrn;
        answerVersion = version;
        answerReference = reference;
    }

    void close() {
        status = JournalEntry.Status.CLOSED;
    }

    JournalEntry entry() {
        return new JournalEntry(id, processInstanceId, step, operation, requestKey, attempt, status, sentAt, sentVersion,
                answerUbrn, answerVersion, answerReference);
    }
}
