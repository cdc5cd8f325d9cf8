package org.ersreferral.simulator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A referral the simulator holds. {@code status} is the e-RS referral state code (NOT_BOOKED, BOOKED,
 * DEFERRED_TO_PROVIDER, AWAITING_TRIAGE, CANCELLED_REFERRAL); {@code version} is the e-RS version
 * that callers send back in {@code If-Match} and that grows on every change.
 */
@Entity
@Table(name = "sim_referral")
class SimReferral {

    static final String NOT_BOOKED = "NOT_BOOKED";
    static final String BOOKED = "BOOKED";
    static final String DEFERRED_TO_PROVIDER = "DEFERRED_TO_PROVIDER";
    static final String AWAITING_TRIAGE = "AWAITING_TRIAGE";
    static final String CANCELLED = "CANCELLED_REFERRAL";

    @Id
    @Column(length = 12)
    private String ubrn;
    private String nhsNumber;
    private String priority;
    private String specialty;
    private String clinicType;
    private String status;
    /** Why the referral is in its state: review reason (deferral, triage) or cancellation reason. */
    private String stateReason;
    @Column(length = 2000)
    private String stateComment;
    private int version;
    @Column(length = 400)
    private String shortlist;
    @Column(length = 4000)
    private String attachments;
    private String referringClinician;
    private String commissioningOrg;
    private String requestId;
    private Instant created;
    private Instant pathwayStart;
    private Instant clinicalInfoFirstSubmitted;
    private Instant clinicalInfoLastUpdated;
    /** The contained search criteria Parameters as the caller sent them, echoed back like e-RS does. */
    @Column(length = 20000)
    private String criteriaJson;

    private String appointmentId;
    private String appointmentStatus;
    private String appointmentServiceId;
    private String appointmentSlotId;
    private Instant appointmentStart;
    private Instant appointmentEnd;
    private String appointmentReason;
    @Column(length = 2000)
    private String appointmentComment;
    private Instant appointmentCreated;
    private String appointmentClinician;

    @Version
    private long rowVersion;

    protected SimReferral() {
    }

    SimReferral(String ubrn, String nhsNumber, String priority, String specialty, String clinicType,
                List<String> shortlist, String referringClinician, String commissioningOrg, String requestId,
                Instant pathwayStart, String criteriaJson) {
        this.ubrn = ubrn;
        this.nhsNumber = nhsNumber;
        this.priority = priority;
        this.specialty = specialty;
        this.clinicType = clinicType;
        this.shortlist = String.join(",", shortlist);
        this.referringClinician = referringClinician;
        this.commissioningOrg = commissioningOrg;
        this.requestId = requestId;
        this.pathwayStart = pathwayStart;
        this.criteriaJson = criteriaJson;
        this.status = NOT_BOOKED;
        this.version = 1;
        this.created = Instant.now();
    }

    String ubrn() { return ubrn; }
    String nhsNumber() { return nhsNumber; }
    String priority() { return priority; }
    String specialty() { return specialty; }
    String clinicType() { return clinicType; }
    String status() { return status; }
    String stateReason() { return stateReason; }
    String stateComment() { return stateComment; }
    int version() { return version; }
    List<String> shortlist() { return split(shortlist); }
    List<String> attachments() { return split(attachments); }
    String referringClinician() { return referringClinician; }
    String commissioningOrg() { return commissioningOrg; }
    String requestId() { return requestId; }
    Instant created() { return created; }
    Instant pathwayStart() { return pathwayStart; }
    Instant clinicalInfoFirstSubmitted() { return clinicalInfoFirstSubmitted; }
    Instant clinicalInfoLastUpdated() { return clinicalInfoLastUpdated; }
    String criteriaJson() { return criteriaJson; }
    boolean hasAppointment() { return appointmentId != null; }
    String appointmentId() { return appointmentId; }
    String appointmentStatus() { return appointmentStatus; }
    String appointmentServiceId() { return appointmentServiceId; }
    String appointmentSlotId() { return appointmentSlotId; }
    Instant appointmentStart() { return appointmentStart; }
    Instant appointmentEnd() { return appointmentEnd; }
    String appointmentReason() { return appointmentReason; }
    String appointmentComment() { return appointmentComment; }
    Instant appointmentCreated() { return appointmentCreated; }
    String appointmentClinician() { return appointmentClinician; }

    private void changed() {
        version++;
    }

    void attach(List<String> binaryIds) {
        Instant now = Instant.now();
        if (clinicalInfoFirstSubmitted == null) {
            clinicalInfoFirstSubmitted = now;
        } else {
            clinicalInfoLastUpdated = now;
        }
        attachments = String.join(",", binaryIds);
        changed();
    }

    void book(String appointmentId, SimSlot slot, String comment) {
        changed();
        setAppointment(appointmentId, "booked", slot.serviceId(), null, comment);
        appointmentSlotId = slot.id();
        appointmentStart = slot.start();
        appointmentEnd = slot.end();
        appointmentClinician = slot.clinician();
        status = BOOKED;
        stateReason = null;
    }

    /** Deferral to the provider or triage: the appointment is only proposed, the provider acts next. */
    void propose(String appointmentId, String serviceId, String reason, String slotId, String comment) {
        changed();
        setAppointment(appointmentId, "proposed", serviceId, reason, comment);
        appointmentSlotId = slotId;
        status = "TRIAGE".equals(reason) ? AWAITING_TRIAGE : DEFERRED_TO_PROVIDER;
        stateReason = reason;
    }

    void cancel(String reason, String comment) {
        changed();
        status = CANCELLED;
        stateReason = reason;
        stateComment = comment;
        if (appointmentId != null) {
            appointmentStatus = "cancelled";
        }
    }

    private void setAppointment(String id, String appointmentStatus, String serviceId, String reason, String comment) {
        this.appointmentId = id;
        this.appointmentStatus = appointmentStatus;
        this.appointmentServiceId = serviceId;
        this.appointmentReason = reason;
        this.appointmentComment = comment;
        this.appointmentCreated = Instant.now();
        this.appointmentStart = null;
        this.appointmentEnd = null;
        this.appointmentClinician = null;
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(csv.split(",")));
    }
}
