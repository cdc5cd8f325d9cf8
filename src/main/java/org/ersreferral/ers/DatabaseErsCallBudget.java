package org.ersreferral.ers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-RS call budget kept in the shared database, so every node counts against one limit. Calls
 * are given turns 1/rate of a second apart (at 10 a second, one every 100 ms), so they stay spaced
 * when e-RS counts them by arrival: a call books the next free turn in one short transaction on the
 * single row of {@link ErsCallSchedule} (its row lock orders the nodes), then sleeps until its turn
 * holding no connection. A waiting call asks the database once, not again at every turn, however
 * many wait. The pause of the last 429 ({@link ErsCallPause}) moves every turn after it, and a call
 * whose turn came while a 429 paused the budget books a new one. Statements run on a connection of
 * their own, taken from the pool and given back at once: never the step's transaction, which a failed
 * step rolls back. Nodes count time by their own clocks, so these must be kept in time (NTP).
 */
class DatabaseErsCallBudget implements ErsCallBudget {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseErsCallBudget.class);

    private static final String NEXT_TURN = "select next_call_at from ers_call_schedule where id = "
            + ErsCallSchedule.ONLY_ROW + " for update";
    private static final String FIRST_TURN = "insert into ers_call_schedule (id, next_call_at) values ("
            + ErsCallSchedule.ONLY_ROW + ", 0)";
    private static final String BOOK_TURN = "update ers_call_schedule set next_call_at = ? where id = " + ErsCallSchedule.ONLY_ROW;
    private static final String PAUSED_UNTIL = "select paused_until from ers_call_pause where id = " + ErsCallPause.ONLY_ROW;
    private static final String EXTEND_PAUSE = "update ers_call_pause set paused_until = ? where id = "
            + ErsCallPause.ONLY_ROW + " and paused_until < ?";
    private static final String START_PAUSE = "insert into ers_call_pause (id, paused_until) values ("
            + ErsCallPause.ONLY_ROW + ", ?)";

    private final DataSource dataSource;
    private final int callsPerSecond;
    private final long spacingMicros;
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
        this.spacingMicros = spacingMicros(callsPerSecond);
        this.maxWaitMs = maxWait.toMillis();
        this.observer = observer;
        this.clock = clock;
    }

    /** The time between two turns: 1/rate of a second, rounded up (so never more than the rate). */
    static long spacingMicros(int callsPerSecond) {
        return (1_000_000L + callsPerSecond - 1) / callsPerSecond;
    }

    @Override
    public void take(String operation) {
        long started = System.nanoTime();
        while (true) {
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            long turn = bookTurn(operation, waitedMs);
            // A 429 may have paused every node while this call slept until its turn: then it books a new one.
            if (!sleepUntil(operation, turn, waitedMs) || pausedUntilMillis(operation) <= clock.millis()) {
                observe((System.nanoTime() - started) / 1_000_000, true);
                return;
            }
        }
    }

    /**
     * Books the next free turn (microseconds since the epoch), not before now nor before the end of a
     * pause; ErsException.Throttled, booking nothing, when it is further away than the wait left.
     */
    private long bookTurn(String operation, long waitedMs) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long next = nextTurn(connection);
                long now = clock.millis() * 1000;
                long turn = Math.max(Math.max(next, now), pausedUntil(connection) * 1000);
                long waitMs = (turn - now + 999) / 1000;
                if (waitedMs + waitMs > maxWaitMs) {
                    connection.rollback();
                    observe(waitedMs, false);
                    throw new ErsException.Throttled(operation, "Not sent: the e-RS call budget (" + callsPerSecond
                            + " a second, shared by all nodes) had no room within " + maxWaitMs + " ms",
                            Math.max(1, (waitMs + 999) / 1000));
                }
                try (PreparedStatement update = connection.prepareStatement(BOOK_TURN)) {
                    update.setLong(1, turn + spacingMicros);
                    update.executeUpdate();
                }
                connection.commit();
                return turn;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unreadable(operation, e);
        }
    }

    /** The row's next free turn, locked until this transaction ends; the row is made by the first call ever. */
    private static long nextTurn(Connection connection) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement select = connection.prepareStatement(NEXT_TURN); ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return row.getLong(1);
                }
            }
            Savepoint beforeInsert = connection.setSavepoint();
            try (PreparedStatement insert = connection.prepareStatement(FIRST_TURN)) {
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!duplicateKey(e)) {
                    throw e;
                }
                // Another node made it first: read (and lock) theirs.
                connection.rollback(beforeInsert);
            }
        }
        throw new SQLException("The e-RS call schedule has no row");
    }

    /** Sleeps until the turn, holding no connection; false when it has come already. An interrupted wait sends nothing. */
    boolean sleepUntil(String operation, long turnMicros, long waitedMs) {
        long sleepMs = (turnMicros - clock.millis() * 1000 + 999) / 1000;
        if (sleepMs <= 0) {
            return false;
        }
        try {
            Thread.sleep(sleepMs);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observe(waitedMs + sleepMs, false);
            throw new ErsException.Throttled(operation, "Not sent: interrupted while waiting for the e-RS call budget", 1);
        }
    }

    private long pausedUntilMillis(String operation) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return pausedUntil(connection);
        } catch (SQLException e) {
            throw unreadable(operation, e);
        }
    }

    /** The database is the engine's too: if it is gone, the step fails anyway; say so before sending. */
    private static ErsException unreadable(String operation, SQLException e) {
        return new ErsException.Unavailable(operation, 0, "Not sent: the e-RS call budget could not be read ("
                + e.getClass().getSimpleName() + ")", e);
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
