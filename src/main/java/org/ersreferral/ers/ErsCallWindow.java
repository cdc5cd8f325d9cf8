package org.ersreferral.ers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One slot of the shared e-RS call budget (1/rate of a second): how many calls the nodes have sent in it. Only the
 * table is used here (its rows are written by {@link DatabaseErsCallBudget} in plain SQL, one atomic
 * statement at a time); the mapping creates it with the application's other tables.
 */
@Entity
@Table(name = "ers_call_window")
class ErsCallWindow {

    /**
     * Slots since the epoch (UTC); the column keeps the name it had when slots were whole seconds, so
     * existing databases need no change (their old rows are deleted as the first new slots open).
     */
    @Id
    @Column(name = "window_second")
    private long windowSlot;

    @Column(nullable = false)
    private int granted;

    protected ErsCallWindow() {
    }
}
