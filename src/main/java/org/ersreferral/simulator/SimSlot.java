package org.ersreferral.simulator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A slot of a directly bookable service; free until a booking takes it. */
@Entity
@Table(name = "sim_slot")
class SimSlot {

    @Id
    @Column(length = 20)
    private String id;
    private String serviceId;
    private Instant startTime;
    private Instant endTime;
    private boolean free;
    private String clinician;
    /** Optimistic lock: two bookings of one slot at once cannot both win. */
    @Version
    private long rowVersion;

    protected SimSlot() {
    }

    SimSlot(String id, String serviceId, Instant start, Instant end, String clinician) {
        this.id = id;
        this.serviceId = serviceId;
        this.startTime = start;
        this.endTime = end;
        this.clinician = clinician;
        this.free = true;
    }

    String id() { return id; }
    String serviceId() { return serviceId; }
    Instant start() { return startTime; }
    Instant end() { return endTime; }
    boolean free() { return free; }
    String clinician() { return clinician; }

    /** e-RS schedule id: the service, plus the clinician when the slot is a named clinician's. */
    String scheduleId() {
        return clinician == null ? serviceId : serviceId + "-" + clinician;
    }

    void take() { free = false; }
    void release() { free = true; }
}
