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
 * A referral the simulator holds. {@code status} is the e-RS referral state code (eRS-ReferralState-1:
 * NOT_BOOKED, BOOKED, DEFERRED_TO_PROVIDER, AWAITING_TRIAGE, TRIAGE_RESPONSE, REJECTED,
 * APPT_CANCELLED_BY_PATIENT, APPT_CANCELLED_BY_PROVIDER, DID_NOT_ATTEND, CANCELLED_REFERRAL);
 * {@code version} is the e-RS version that callers send back in {@code If-Match} and that grows on
 * every change, when {@code lastUpdated} is set too. The appointment has a version of its own (A034).
 */
@Entity
@Table(name = "sim_referral")
class SimReferral {

    static final String NOT_BOOKED = "NOT_BOOKED";
    static final String BOOKED = "BOOKED";
    static final String DEFERRED_TO_PROVIDER = "DEFERRED_TO_PROVIDER";
    static final String AWAITING_TRIAGE = "AWAITING_TRIAGE";
    static final String CANCELLED = "CANCELLED_REFERRAL";
    static final String REJECTED = "REJECTED";
    static final String TRIAGE_RESPONSE = "TRIAGE_RESPONSE";
    static final String CANCELLED_BY_PATIENT = "APPT_CANCELLED_BY_PATIENT";
    static final String CANCELLED_BY_PROVIDER = "APPT_CANCELLED_BY_PROVIDER";
    static final String DID_NOT_ATTEND = "DID_NOT_ATTEND";
    /** The triage outcome (eRS-ReviewOutcome-1) of a referral returned to its referrer with advice. */
    static final String RETURN_WITH_ADVICE = "RETURN_TO_REFERRER_WITH_ADVICE";

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
    /** When anything about the referral last changed: the worklists' referralLastUpdated. */
    private Instant lastUpdated;
    /** Marked by the control API: a letter is owed though files are attached (e.g. an attachment failed). */
    private boolean letterOutstanding;
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
    private int appointmentVersion;

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
        this.lastUpdated = created;
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
    Instant lastUpdated() { return lastUpdated == null ? created : lastUpdated; }
    boolean letterOutstanding() { return letterOutstanding; }
    int appointmentVersion() { return appointmentVersion; }
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
        lastUpdated = Instant.now();
    }

    private void appointmentChanged() {
        appointmentVersion++;
        changed();
    }

    void attach(List<String> binaryIds) {
        Instant now = Instant.now();
        if (clinicalInfoFirstSubmitted == null) {
            clinicalInfoFirstSubmitted = now;
        } else {
            clinicalInfoLastUpdated = now;
        }
        attachments = String.join(",", binaryIds);
        letterOutstanding = false;
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
        stateComment = null;
    }

    /** Deferral to the provider or triage: the appointment is only proposed, the provider acts next. */
    void propose(String appointmentId, String serviceId, String reason, String slotId, String comment) {
        changed();
        setAppointment(appointmentId, "proposed", serviceId, reason, comment);
        appointmentSlotId = slotId;
        status = "TRIAGE".equals(reason) ? AWAITING_TRIAGE : DEFERRED_TO_PROVIDER;
        stateReason = reason;
        stateComment = null;
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
        this.appointmentVersion = 1;
    }

    /** A031: the new shortlist replaces the old; any earlier appointment was at a service no longer on it. */
    void changeShortlist(List<String> serviceIds, String priority, String specialty, String clinicType, String criteriaJson) {
        changed();
        this.shortlist = String.join(",", serviceIds);
        this.priority = priority;
        this.specialty = specialty;
        this.clinicType = clinicType;
        this.criteriaJson = criteriaJson;
        status = NOT_BOOKED;
        stateReason = null;
        stateComment = null;
        appointmentId = null;
        appointmentStatus = null;
        appointmentServiceId = null;
        appointmentSlotId = null;
        appointmentStart = null;
        appointmentEnd = null;
        appointmentReason = null;
        appointmentComment = null;
        appointmentCreated = null;
        appointmentClinician = null;
        appointmentVersion = 0;
    }

    /**
     * The booked appointment ends without the patient being seen: cancelled (A034 by the referrer for the
     * patient, or by the provider), rejected by the provider, or not attended ({@code noshow}).
     */
    void endAppointment(String newStatus, String appointmentState, String reason, String comment) {
        appointmentChanged();
        appointmentStatus = appointmentState;
        appointmentReason = reason;
        appointmentComment = comment;
        status = newStatus;
        stateReason = reason;
        stateComment = comment;
    }

    /** The triage service returns the referral to its referrer with advice (a triage outcome). */
    void returnFromTriage(String advice) {
        appointmentChanged();
        appointmentReason = RETURN_WITH_ADVICE;
        appointmentComment = advice;
        status = TRIAGE_RESPONSE;
        stateReason = null;
        stateComment = advice;
    }

    /** The patient booked (by phone or online) at an indirectly bookable service: a time but no slot. */
    void bookedByPatient(String appointmentId, String serviceId, Instant start, Instant end) {
        changed();
        setAppointment(appointmentId, "booked", serviceId, null, null);
        appointmentStart = start;
        appointmentEnd = end;
        status = BOOKED;
        stateReason = null;
        stateComment = null;
    }

    void markLetterOutstanding() {
        letterOutstanding = true;
        changed();
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(csv.split(",")));
    }
}
