package org.ersreferral.worklist;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which node runs an organisation's sync: the one whose conditional UPDATE of the organisation's
 * row matched (the run is due and nobody holds it), so however many nodes look, one runs it per
 * interval. Each statement commits on its own. A holder keeps its lease alive while it works
 * ({@link #keep}); one that died is replaced once its lease has run out. Nodes compare their own
 * clocks with the row's times, so they must be kept in time (NTP), as for the e-RS call budget.
 */
class SyncLeases {

    private static final String TAKE_WHEN_DUE = "update worklist_sync_lease set holder = ?, held_until = ?, due_at = ?"
            + " where organisation = ? and due_at <= ? and (holder is null or held_until < ?)";
    private static final String TAKE_NOW = "update worklist_sync_lease set holder = ?, held_until = ?, due_at = ?"
            + " where organisation = ? and (holder is null or held_until < ?)";
    private static final String FIRST = "insert into worklist_sync_lease (organisation, due_at, holder, held_until) values (?, 0, null, 0)";
    private static final String KEEP = "update worklist_sync_lease set held_until = ? where organisation = ? and holder = ?";
    private static final String RELEASE = "update worklist_sync_lease set holder = null, held_until = 0 where organisation = ? and holder = ?";

    /** How long a run may go without {@link #keep} before another node may take it over. */
    static final Duration HOLD = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration interval;
    /** This node, in the rows it holds. */
    private final String node = "node-" + UUID.randomUUID();

    SyncLeases(JdbcTemplate jdbc, Clock clock, Duration interval) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
    }

    /**
     * Takes the organisation's lease if its run is due and nobody runs it ({@code now}: due or not);
     * the next run is then due one interval on.
     */
    boolean take(String organisation, boolean now) {
        long at = clock.millis();
        Object[] arguments = now
                ? new Object[] {node, at + HOLD.toMillis(), at + interval.toMillis(), organisation, at}
                : new Object[] {node, at + HOLD.toMillis(), at + interval.toMillis(), organisation, at, at};
        int taken = jdbc.update(now ? TAKE_NOW : TAKE_WHEN_DUE, arguments);
        if (taken == 0 && jdbc.queryForObject("select count(*) from worklist_sync_lease where organisation = ?", Long.class,
                organisation) == 0) {
            try {
                jdbc.update(FIRST, organisation);
            } catch (DuplicateKeyException another) {
                // another node made it first; its turn decides
            }
            taken = jdbc.update(now ? TAKE_NOW : TAKE_WHEN_DUE, arguments);
        }
        return taken == 1;
    }

    /** Keeps this node's run alive; false when it lost the lease (it ran past its hold and another took over). */
    boolean keep(String organisation) {
        return jdbc.update(KEEP, clock.millis() + HOLD.toMillis(), organisation, node) == 1;
    }

    void release(String organisation) {
        jdbc.update(RELEASE, organisation, node);
    }
}
