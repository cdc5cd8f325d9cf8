package org.ersreferral.ers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One second of the shared e-RS call budget: how many calls the nodes have sent in it. Only the
 * table is used here (its rows are written by {@link DatabaseErsCallBudget} in plain SQL, one atomic
 * statement at a time); the mapping creates it with the application's other tables.
 */
@Entity
@Table(name = "ers_call_window")
class ErsCallWindow {

    /** Seconds since the epoch (UTC). */
    @Id
    @Column(name = "window_second")
    private long windowSecond;

    @Column(nullable = false)
    private int granted;

    protected ErsCallWindow() {
    }
}
