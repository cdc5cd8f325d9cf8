package org.ersreferral.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ersreferral.testsupport.ThrowawayPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database, driven by coordinators over the public API while e-RS fails
 * now and then and one node is killed with SIGKILL while it holds work: every referral ends or waits
 * visibly (a task, an incident), none is created twice or cancelled in e-RS unasked, and the killed
 * node's work is done by the other within the lock time and one acquisition wait. Starts three JVMs
 * of its own (no application in this JVM).
 */
@Tag("cluster")
class ClusterFaultTest {

    @Test
    void nothingIsLostDuplicatedOrStuckWhenErsFailsAndANodeIsKilled() throws Exception {
        ThrowawayPostgres database = new ThrowawayPostgres("ers_cluster_");
        String url = database.create();
        try {
            ClusterFaultRun.Settings settings = ClusterFaultRun.Settings.quick(24);
            ClusterFaultRun.Report report = ClusterFaultRun.run(settings, url, ThrowawayPostgres.user(), ThrowawayPostgres.password(),
                    Path.of("target", "cluster-fault-test"), System.out);
            System.out.println(report.describe());

            assertThat(report.problems()).isEmpty();
            assertThat(report.started()).isEqualTo(24);
            assertThat(report.lost()).isZero();
            assertThat(report.stuck()).isZero();
            assertThat(report.createdTwice()).isZero();
            assertThat(report.cancelledUnasked()).isZero();
            assertThat(report.cancelCalls()).isZero();
            assertThat(report.jobsHeldAtKill()).isPositive();
            assertThat(report.lastHeldJobResumed()).isNotNull().isLessThanOrEqualTo(report.resumeBound());
            assertThat(report.lastHeldJobDone()).isNotNull();
            // the faults were there: each kind hit some call (the run makes sure of it)
            assertThat(report.injectedFaults().keySet()).anyMatch(k -> k.endsWith(" 500")).anyMatch(k -> k.endsWith(" 503"))
                    .anyMatch(k -> k.endsWith(" 429")).anyMatch(k -> k.endsWith(" reset")).anyMatch(k -> k.endsWith(" slow"));
            assertThat(report.ended() + report.withOpenTask() + report.withIncident()).isEqualTo(24);
        } finally {
            database.drop();
        }
    }
}
