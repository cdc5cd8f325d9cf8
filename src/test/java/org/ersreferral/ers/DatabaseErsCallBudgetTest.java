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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
     * 4 threads a node, 40 calls in all: at 10 a second, one call per 100 ms slot, so 40 slots, and
     * more than 3.5 s after the first call; no second (as e-RS counts) more than 10.
     */
    private void twoNodesKeepToTheBudget(DataSource nodeA, DataSource nodeB) throws Exception {
        createTables(nodeA);
        ErsCallBudget a = new DatabaseErsCallBudget(nodeA, BUDGET, Duration.ofSeconds(20), ErsBudgetObserver.NONE);
        ErsCallBudget b = new DatabaseErsCallBudget(nodeB, BUDGET, Duration.ofSeconds(20), ErsBudgetObserver.NONE);
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

        Map<Long, Integer> slots = windows(nodeB);
        assertThat(sent.get()).isEqualTo(calls);
        assertThat(slots.values()).as("calls per 100 ms slot: %s", slots).allSatisfy(n -> assertThat(n).isEqualTo(1));
        assertThat(slots).as("every call counted once").hasSize(calls);
        long slotMs = DatabaseErsCallBudget.slotMillis(BUDGET);
        assertThat(slotMs).isEqualTo(100);
        Map<Long, Integer> seconds = new LinkedHashMap<>();
        slots.forEach((slot, granted) -> seconds.merge(slot * slotMs / 1000, granted, Integer::sum));
        assertThat(seconds.values()).as("calls per second: %s", seconds).allSatisfy(n -> assertThat(n).isBetween(1, BUDGET));
        assertThat(elapsedMs).isGreaterThan((calls - 5) * slotMs);
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
    void aFullSlotFailsUnsentOnceTheMaximumWaitCannotReachTheNext() throws Exception {
        DataSource node = pool(h2Url(), "sa", 2);
        createTables(node);
        // 2 a second: slots of 500 ms. A clock standing at the start of one: the next is 500 ms away,
        // beyond the 200 ms allowed.
        Clock standing = Clock.fixed(Instant.parse("2026-01-01T10:00:00.500Z"), ZoneOffset.UTC);
        ErsCallBudget budget = new DatabaseErsCallBudget(node, 2, Duration.ofMillis(200), ErsBudgetObserver.NONE, standing);

        budget.take("A005");
        assertThatThrownBy(() -> budget.take("A005")).isInstanceOfSatisfying(ErsException.Throttled.class,
                throttled -> assertThat(throttled.retryAfterSeconds()).isEqualTo(1));
        assertThat(windows(node)).containsExactly(Map.entry(standing.millis() / 500, 1));
    }

    @Test
    void aCallWaitingForTheNextSecondHoldsNoConnection() throws Exception {
        HikariDataSource single = pool(h2Url(), "sa", 1);
        single.setConnectionTimeout(250);
        createTables(single);
        ErsCallBudget budget = new DatabaseErsCallBudget(single, 1, Duration.ofSeconds(3), ErsBudgetObserver.NONE);
        budget.take("A004");
        long second = System.currentTimeMillis() / 1000;
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiting = thread.submit(() -> budget.take("A004"));
            Thread.sleep(100);
            // While the second call sleeps, the pool's only connection is free for anyone.
            if (!waiting.isDone()) {
                assertThat(windows(single)).containsKey(second);
            }
            waiting.get(5, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
        assertThat(windows(single).values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
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
            Metadata metadata = new MetadataSources(registry).addAnnotatedClass(ErsCallWindow.class)
                    .addAnnotatedClass(ErsCallPause.class).buildMetadata();
            metadata.buildSessionFactory().close();
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    static Map<Long, Integer> windows(DataSource dataSource) throws SQLException {
        Map<Long, Integer> windows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "select window_second, granted from ers_call_window order by window_second")) {
            while (rows.next()) {
                windows.put(rows.getLong(1), rows.getInt(2));
            }
        }
        return windows;
    }
}
