package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ersreferral.testsupport.ThrowawayPostgres;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared e-RS call budget on the databases it runs on, with two nodes (each its own pool and
 * budget) on one database, calling at once. The tables come from their entity mappings, as the
 * application's schema update makes them.
 */
class DatabaseErsCallBudgetTest {

    private static final int BUDGET = 10;

    private final List<HikariDataSource> pools = new ArrayList<>();
    private ThrowawayPostgres postgres;

    @AfterEach
    void closePools() throws SQLException {
        pools.forEach(HikariDataSource::close);
        if (postgres != null) {
            postgres.drop();
        }
    }

    @Test
    void twoNodesOnPostgresNeverSendMoreThanTheBudgetInOneSecond() throws Exception {
        postgres = new ThrowawayPostgres("budget");
        String url = postgres.create();
        twoNodesKeepToTheBudget(pool(url, ThrowawayPostgres.user(), 5), pool(url, ThrowawayPostgres.user(), 5));
    }

    @Test
    void twoNodesOnH2NeverSendMoreThanTheBudgetInOneSecond() throws Exception {
        String url = h2Url();
        twoNodesKeepToTheBudget(pool(url, "sa", 5), pool(url, "sa", 5));
    }

    /**
     * 4 threads a node, 40 calls: at 10 a second, turns 100 ms apart, so more than 3.8 s after the
     * first call; no second (as e-RS counts) with more than 10. Each call asks the database at most
     * twice (books its turn; after sleeping, checks no 429 paused the budget meanwhile), however long it waits.
     */
    private void twoNodesKeepToTheBudget(DataSource nodeA, DataSource nodeB) throws Exception {
        createTables(nodeA);
        List<Long> turns = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger connections = new AtomicInteger();
        ErsCallBudget a = recordingTurns(counting(nodeA, connections), BUDGET, Duration.ofSeconds(20), turns);
        ErsCallBudget b = recordingTurns(counting(nodeB, connections), BUDGET, Duration.ofSeconds(20), turns);
        int calls = 40;
        AtomicInteger sent = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                ErsCallBudget node = thread % 2 == 0 ? a : b;
                done.add(threads.submit(() -> {
                    for (int call = 0; call < calls / 8; call++) {
                        node.take("A004");
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(sent.get()).isEqualTo(calls);
        long spacing = DatabaseErsCallBudget.spacingMicros(BUDGET);
        assertThat(spacing).isEqualTo(100_000);
        List<Long> sorted = turns.stream().sorted().toList();
        assertThat(sorted).as("a turn for every call").hasSize(calls);
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).as("turns %s and %s", i - 1, i).isGreaterThanOrEqualTo(spacing);
        }
        Map<Long, Integer> seconds = new TreeMap<>();
        sorted.forEach(turn -> seconds.merge(turn / 1_000_000, 1, Integer::sum));
        assertThat(seconds.values()).as("calls per second: %s", seconds).allSatisfy(n -> assertThat(n).isBetween(1, BUDGET));
        assertThat(elapsedMs).isGreaterThan((calls - 2) * spacing / 1000);
        assertThat(connections.get()).as("database round trips for %s calls", calls).isLessThanOrEqualTo(2 * calls);
    }

    @Test
    void aCallWhoseTurnCameDuringA429PauseWaitsForThePauseToEnd() throws Exception {
        String url = h2Url();
        HikariDataSource nodeA = pool(url, "sa", 2);
        HikariDataSource nodeB = pool(url, "sa", 2);
        createTables(nodeA);
        ErsCallBudget a = new DatabaseErsCallBudget(nodeA, 2, Duration.ofSeconds(5), ErsBudgetObserver.NONE);
        List<Long> turns = new ArrayList<>();
        // While b's second call sleeps until its turn (500 ms after the first), node a gets a 429 asking for 1.5 s.
        ErsCallBudget b = new DatabaseErsCallBudget(nodeB, 2, Duration.ofSeconds(5), ErsBudgetObserver.NONE) {
            @Override
            boolean sleepUntil(String operation, long turnMicros, long waitedMs) {
                turns.add(turnMicros);
                if (turns.size() == 2) {
                    a.pause(Duration.ofMillis(1500));
                }
                return super.sleepUntil(operation, turnMicros, waitedMs);
            }
        };

        b.take("A010");
        long pausedAt = System.currentTimeMillis();
        b.take("A010");

        assertThat(turns).hasSize(3);
        assertThat(turns.get(1) - turns.get(0)).isEqualTo(500_000);
        assertThat(turns.get(2) / 1000).as("booked again after the pause").isGreaterThanOrEqualTo(pausedAt + 1400);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(turns.get(2) / 1000);
    }

    @Test
    void aPauseAfterA429HoldsBackTheOtherNodeUntilRetryAfter() throws Exception {
        String url = h2Url();
        HikariDataSource nodeA = pool(url, "sa", 2);
        HikariDataSource nodeB = pool(url, "sa", 2);
        createTables(nodeA);
        ErsCallBudget a = new DatabaseErsCallBudget(nodeA, BUDGET, Duration.ofSeconds(5), ErsBudgetObserver.NONE);
        List<String> waits = new ArrayList<>();
        ErsCallBudget b = new DatabaseErsCallBudget(nodeB, BUDGET, Duration.ofSeconds(5),
                (waitedMs, sent) -> waits.add(sent + ":" + waitedMs));

        a.pause(Duration.ofMillis(1500));
        long started = System.nanoTime();
        b.take("A010");
        long waitedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(waitedMs).isBetween(1300L, 4000L);
        assertThat(waits).singleElement().asString().startsWith("true:");
        a.pause(Duration.ofMillis(100)); // a shorter pause never cuts a longer one short
        a.pause(Duration.ofSeconds(30));
        a.pause(Duration.ofSeconds(2));
        started = System.nanoTime();
        assertThatThrownBy(() -> b.take("A010"))
                .isInstanceOfSatisfying(ErsException.Throttled.class, throttled -> {
                    assertThat(throttled.retryAfterSeconds()).isBetween(28L, 31L);
                    assertThat(throttled.status()).isZero();
                    assertThat(throttled.operationId()).isEqualTo("A010");
                });
        assertThat((System.nanoTime() - started) / 1_000_000).as("no wait that cannot end in time").isLessThan(2000);
        assertThat(waits).hasSize(2).last().asString().startsWith("false:");
    }

    @Test
    void aCallWhoseTurnIsFurtherThanTheMaximumWaitFailsUnsentAndBooksNothing() throws Exception {
        DataSource node = pool(h2Url(), "sa", 2);
        createTables(node);
        // 2 a second: turns 500 ms apart, beyond the 200 ms allowed.
        Clock standing = Clock.fixed(Instant.parse("2026-01-01T10:00:00.500Z"), ZoneOffset.UTC);
        ErsCallBudget budget = new DatabaseErsCallBudget(node, 2, Duration.ofMillis(200), ErsBudgetObserver.NONE, standing);

        budget.take("A005");
        assertThatThrownBy(() -> budget.take("A005")).isInstanceOfSatisfying(ErsException.Throttled.class,
                throttled -> assertThat(throttled.retryAfterSeconds()).isEqualTo(1));
        assertThat(nextTurn(node)).isEqualTo(standing.millis() * 1000 + 500_000);
    }

    @Test
    void aCallWaitingForItsTurnHoldsNoConnection() throws Exception {
        HikariDataSource single = pool(h2Url(), "sa", 1);
        single.setConnectionTimeout(250);
        createTables(single);
        CountDownLatch sleeping = new CountDownLatch(1);
        ErsCallBudget budget = new DatabaseErsCallBudget(single, 1, Duration.ofSeconds(3), ErsBudgetObserver.NONE) {
            @Override
            boolean sleepUntil(String operation, long turnMicros, long waitedMs) {
                sleeping.countDown();
                return super.sleepUntil(operation, turnMicros, waitedMs);
            }
        };
        budget.take("A004");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiting = thread.submit(() -> budget.take("A004"));
            assertThat(sleeping.await(5, TimeUnit.SECONDS)).isTrue();
            // While the second call sleeps, the pool's only connection is free for anyone.
            assertThat(nextTurn(single)).as("its turn booked ahead").isGreaterThan(System.currentTimeMillis() * 1000);
            waiting.get(5, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    private static String h2Url() {
        return "jdbc:h2:mem:budget-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private HikariDataSource pool(String url, String user, int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(ThrowawayPostgres.password());
        pool.setMaximumPoolSize(size);
        pools.add(pool);
        return pool;
    }

    /** The budget's tables as the application's schema update ({@code ddl-auto: update}) makes them from the entities. */
    static void createTables(DataSource dataSource) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "update").build();
        try {
            Metadata metadata = new MetadataSources(registry).addAnnotatedClass(ErsCallSchedule.class)
                    .addAnnotatedClass(ErsCallPause.class).buildMetadata();
            metadata.buildSessionFactory().close();
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    static long nextTurn(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet row = connection.createStatement().executeQuery("select next_call_at from ers_call_schedule")) {
            assertThat(row.next()).isTrue();
            return row.getLong(1);
        }
    }

    /** A budget that records each turn it sleeps for (or finds already come). */
    private static ErsCallBudget recordingTurns(DataSource node, int rate, Duration maxWait, List<Long> turns) {
        return new DatabaseErsCallBudget(node, rate, maxWait, ErsBudgetObserver.NONE) {
            @Override
            boolean sleepUntil(String operation, long turnMicros, long waitedMs) {
                turns.add(turnMicros);
                return super.sleepUntil(operation, turnMicros, waitedMs);
            }
        };
    }

    /** The data source, counting the connections taken from it (each a round trip of the budget's). */
    private static DataSource counting(DataSource dataSource, AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(dataSource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
