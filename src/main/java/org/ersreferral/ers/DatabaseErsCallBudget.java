package org.ersreferral.ers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-RS call budget kept in the shared database, so every node counts against one limit: a row
 * per slot of UTC time ({@link ErsCallWindow}) whose count is raised by one conditional UPDATE
 * (the database's row lock makes it atomic across nodes), and the pause of the last 429
 * ({@link ErsCallPause}). A slot is 1/rate of a second with room for one call (at 10 a second, one
 * call every 100 ms), so calls stay spaced when e-RS counts them by arrival; whole-second windows let
 * the calls granted late in one second and those that waited for the next arrive together. Each
 * statement runs on a connection of its own, taken from the pool and given back at once
 * (auto-commit): never the step's transaction, which a failed step rolls back, and never held while a
 * call waits for a slot. Nodes count time by their own clocks, so these must be kept in time (NTP).
 */
class DatabaseErsCallBudget implements ErsCallBudget {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErsCallBudget.class);

    /** Slots older than this are deleted as new ones are opened: only the current slot matters. */
    private static final long KEPT_MILLIS = 60_000;

    private static final String TAKE = "update ers_call_window set granted = granted + 1"
            + " where window_second = ? and granted < ?"
            + " and not exists (select 1 from ers_call_pause where paused_until > ?)";
    private static final String OPEN = "insert into ers_call_window (window_second, granted) values (?, 1)";
    private static final String FORGET = "delete from ers_call_window where window_second < ?";
    private static final String PAUSED_UNTIL = "select paused_until from ers_call_pause where id = " + ErsCallPause.ONLY_ROW;
    private static final String EXTEND_PAUSE = "update ers_call_pause set paused_until = ? where id = "
            + ErsCallPause.ONLY_ROW + " and paused_until < ?";
    private static final String START_PAUSE = "insert into ers_call_pause (id, paused_until) values ("
            + ErsCallPause.ONLY_ROW + ", ?)";

    private final DataSource dataSource;
    private final int callsPerSecond;
    private final long slotMs;
    private final int callsPerSlot;
    private final long maxWaitMs;
    private final Clock clock;
    private final ErsBudgetObserver observer;

    DatabaseErsCallBudget(DataSource dataSource, int callsPerSecond, Duration maxWait, ErsBudgetObserver observer) {
        this(dataSource, callsPerSecond, maxWait, observer, Clock.systemUTC());
    }

    DatabaseErsCallBudget(DataSource dataSource, int callsPerSecond, Duration maxWait, ErsBudgetObserver observer,
                          Clock clock) {
        if (callsPerSecond <= 0) {
            throw new IllegalArgumentException("a budget needs at least one call per second");
        }
        this.dataSource = dataSource;
        this.callsPerSecond = callsPerSecond;
        this.slotMs = slotMillis(callsPerSecond);
        this.callsPerSlot = (int) Math.max(1, callsPerSecond * slotMs / 1000);
        this.maxWaitMs = maxWait.toMillis();
        this.observer = observer;
        this.clock = clock;
    }

    @Override
    public void take(String operation) {
        long started = System.nanoTime();
        while (true) {
            long now = clock.millis();
            long nextTry = tryTake(operation, now);
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            if (nextTry <= 0) {
                observe(waitedMs, true);
                return;
            }
            // A little spread, so the calls waiting on every node do not all arrive at the same instant.
            long sleepMs = nextTry - now + ThreadLocalRandom.current().nextLong(1, 20);
            if (waitedMs + sleepMs > maxWaitMs) {
                observe(waitedMs, false);
                throw new ErsException.Throttled(operation, "Not sent: the e-RS call budget (" + callsPerSecond
                        + " a second, shared by all nodes) had no room within " + maxWaitMs + " ms",
                        Math.max(1, (sleepMs + 999) / 1000));
            }
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                observe(waitedMs, false);
                throw new ErsException.Throttled(operation, "Not sent: interrupted while waiting for the e-RS call budget", 1);
            }
        }
    }

    /** The length of a slot: 1/rate of a second, rounded up (so never more than the rate), at least 1 ms. */
    static long slotMillis(int callsPerSecond) {
        return Math.max(1, (1000 + callsPerSecond - 1) / callsPerSecond);
    }

    /** Takes a place in the current slot: 0 when taken, else when to try again (epoch milliseconds). */
    private long tryTake(String operation, long now) {
        long slot = Math.floorDiv(now, slotMs);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (take(connection, slot, now)) {
                return 0;
            }
            long pausedUntil = pausedUntil(connection);
            if (pausedUntil > now) {
                return pausedUntil;
            }
            if (open(connection, slot)) {
                forgetBefore(connection, slot - KEPT_MILLIS / slotMs);
                return 0;
            }
            // Another node opened the slot meanwhile: take a place in it, if one is left.
            return take(connection, slot, now) ? 0 : (slot + 1) * slotMs;
        } catch (SQLException e) {
            // The database is the engine's too: if it is gone, the step fails anyway; say so before sending.
            throw new ErsException.Unavailable(operation, 0, "Not sent: the e-RS call budget could not be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private boolean take(Connection connection, long slot, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(TAKE)) {
            update.setLong(1, slot);
            update.setInt(2, callsPerSlot);
            update.setLong(3, now);
            return update.executeUpdate() == 1;
        }
    }

    /** Opens the slot with this call in it; false when another node opened it first. */
    private static boolean open(Connection connection, long slot) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(OPEN)) {
            insert.setLong(1, slot);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (duplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void forgetBefore(Connection connection, long slot) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(FORGET)) {
            delete.setLong(1, slot);
            delete.executeUpdate();
        }
    }

    private static long pausedUntil(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(PAUSED_UNTIL); ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    @Override
    public void pause(Duration retryAfter) {
        long until = clock.millis() + retryAfter.toMillis();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (extendPause(connection, until)) {
                return;
            }
            try (PreparedStatement insert = connection.prepareStatement(START_PAUSE)) {
                insert.setLong(1, until);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!duplicateKey(e)) {
                    throw e;
                }
                extendPause(connection, until); // the row exists: a pause ending later is kept
            }
        } catch (SQLException e) {
            // The 429 itself still delays the step (Retry-After); only the other calls are not held back.
            LOG.warn("Could not pause the e-RS call budget after a 429: {}", e.toString());
        }
    }

    private static boolean extendPause(Connection connection, long until) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(EXTEND_PAUSE)) {
            update.setLong(1, until);
            update.setLong(2, until);
            return update.executeUpdate() == 1;
        }
    }

    /** SQLSTATE 23505 on PostgreSQL and H2 (class 23: integrity constraint violation). */
    private static boolean duplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private void observe(long waitedMs, boolean sent) {
        try {
            observer.waited(waitedMs, sent);
        } catch (RuntimeException e) {
            LOG.warn("Could not record a wait on the e-RS call budget: {}", e.toString());
        }
    }
}
