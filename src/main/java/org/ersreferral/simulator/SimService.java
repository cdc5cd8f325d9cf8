package org.ersreferral.simulator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;
import org.ersreferral.ers.ErsDomain;

/** A seeded e-RS service with its commissioning (specialty, clinic type, priorities). */
@Entity
@Table(name = "sim_service")
class SimService {

    @Id
    @Column(length = 20)
    private String id;
    private String name;
    private String specialty;
    private String clinicType;
    /** Comma-separated priority codes the service accepts. */
    private String priorities;
    private String bookableType;
    /** A referral assessment service (RAS): referrals are sent to it for triage instead of booked. */
    private boolean triage;
    private int waitDays;
    private double distanceMiles;
    private String locationOds;
    private String locationName;
    /** SDS user id of the named clinician whose slots the service offers, or null. */
    private String clinician;

    protected SimService() {
    }

    SimService(String id, String name, String specialty, String clinicType, String priorities, String bookableType,
               boolean triage, int waitDays, double distanceMiles, String locationOds, String locationName, String clinician) {
        this.id = id;
        this.name = name;
        this.specialty = specialty;
        this.clinicType = clinicType;
        this.priorities = priorities;
        this.bookableType = bookableType;
        this.triage = triage;
        this.waitDays = waitDays;
        this.distanceMiles = distanceMiles;
        this.locationOds = locationOds;
        this.locationName = locationName;
        this.clinician = clinician;
    }

    String id() { return id; }
    String name() { return name; }
    String specialty() { return specialty; }
    String clinicType() { return clinicType; }
    List<String> priorities() { return Arrays.asList(priorities.split(",")); }
    boolean accepts(String priority) { return priority != null && priorities().contains(priority); }
    String bookableType() { return bookableType; }
    boolean directlyBookable() { return ErsDomain.DIRECTLY_BOOKABLE.equals(bookableType); }
    boolean triage() { return triage; }
    int waitDays() { return waitDays; }
    double distanceMiles() { return distanceMiles; }
    String locationOds() { return locationOds; }
    String locationName() { return locationName; }
    String clinician() { return clinician; }
}
