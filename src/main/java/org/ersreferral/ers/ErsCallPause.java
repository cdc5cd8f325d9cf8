package org.ersreferral.ers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Until when e-RS asked every node to stop sending (its last 429's Retry-After): a single row,
 * written by {@link DatabaseErsCallBudget} in plain SQL. The mapping creates the table.
 */
@Entity
@Table(name = "ers_call_pause")
class ErsCallPause {

    static final int ONLY_ROW = 1;

    @Id
    private int id;

    /** Milliseconds since the epoch. */
    @Column(name = "paused_until", nullable = false)
    private long pausedUntil;

    protected ErsCallPause() {
    }
}
