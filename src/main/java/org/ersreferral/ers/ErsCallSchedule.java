package org.ersreferral.ers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * When the next e-RS call of any node may be sent: a single row, written by
 * {@link DatabaseErsCallBudget} in plain SQL. The mapping creates the table with the application's
 * other tables.
 */
@Entity
@Table(name = "ers_call_schedule")
class ErsCallSchedule {

    static final int ONLY_ROW = 1;

    @Id
    private int id;

    /** Microseconds since the epoch (UTC). */
    @Column(name = "next_call_at", nullable = false)
    private long nextCallAt;

    protected ErsCallSchedule() {
    }
}
