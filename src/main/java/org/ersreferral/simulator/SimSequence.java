package org.ersreferral.simulator;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Next number of a simulator sequence (UBRNs, appointment ids), kept in the database so it survives restarts. */
@Entity
@Table(name = "sim_sequence")
class SimSequence {

    @Id
    private String name;
    private long nextValue;

    protected SimSequence() {
    }

    SimSequence(String name, long nextValue) {
        this.name = name;
        this.nextValue = nextValue;
    }

    long take() {
        return nextValue++;
    }
}
