package org.ersreferral.worklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One organisation's sync lease, written by {@link SyncLeases} in plain SQL; the mapping creates the
 * table with the application's other tables. Times are milliseconds since the epoch (UTC), the same
 * column type on H2 and PostgreSQL.
 */
@Entity
@Table(name = "worklist_sync_lease")
class SyncLeaseRow {

    @Id
    @Column(name = "organisation", length = 20)
    private String organisation;

    /** When the next run is due; a node takes the lease only once it is. */
    @Column(name = "due_at", nullable = false)
    private long dueAt;

    /** The node running it now, or null. */
    @Column(name = "holder", length = 100)
    private String holder;

    /** Until when the holder's run counts as alive; after it another node may take over (the holder died). */
    @Column(name = "held_until", nullable = false)
    private long heldUntil;

    protected SyncLeaseRow() {
    }
}
