package org.ersreferral.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two nodes on one database: one run per organisation per interval, a live run never shared, a dead one taken over. */
class SyncLeasesTest {

    private static final Duration INTERVAL = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc = SyncTables.create();
    private final TestClock clock = TestClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final SyncLeases nodeA = new SyncLeases(jdbc, clock, INTERVAL);
    private final SyncLeases nodeB = new SyncLeases(jdbc, clock, INTERVAL);

    @Test
    void oneNodeRunsAnOrganisationPerIntervalWhoeverLooks() {
        assertThat(nodeA.take("R69", false)).isTrue();
        assertThat(nodeB.take("R69", false)).as("held by A").isFalse();
        nodeA.release("R69");
        assertThat(nodeB.take("R69", false)).as("released, but not due again").isFalse();
        assertThat(nodeA.take("R69", false)).isFalse();
        assertThat(nodeB.take("RXB", false)).as("another organisation is its own").isTrue();

        clock.set(clock.instant().plus(INTERVAL));
        assertThat(nodeB.take("R69", false)).as("due again").isTrue();
        assertThat(nodeA.take("R69", false)).isFalse();
    }

    @Test
    void aRunAskedForNowNeedNotBeDueButNeverJoinsALiveOne() {
        assertThat(nodeA.take("R69", false)).isTrue();
        assertThat(nodeB.take("R69", true)).as("A is running it").isFalse();
        nodeA.release("R69");
        assertThat(nodeB.take("R69", true)).isTrue();
        nodeB.release("R69");
        assertThat(nodeA.take("R69", false)).as("the run now pushed the next one an interval on").isFalse();
    }

    @Test
    void aHolderThatStoppedKeepingItsLeaseIsTakenOverAndThenLearnsItLostIt() {
        assertThat(nodeA.take("R69", true)).isTrue();
        clock.set(clock.instant().plus(SyncLeases.HOLD).minusSeconds(1));
        assertThat(nodeA.keep("R69")).isTrue();
        clock.set(clock.instant().plus(SyncLeases.HOLD).plusSeconds(1));
        assertThat(nodeB.take("R69", true)).as("A's hold ran out").isTrue();
        assertThat(nodeA.keep("R69")).as("A must stop").isFalse();
        nodeA.release("R69");
        assertThat(jdbc.queryForObject("select holder from worklist_sync_lease where organisation = 'R69'", String.class))
                .as("A's release does not free B's run").isNotNull();
    }
}
