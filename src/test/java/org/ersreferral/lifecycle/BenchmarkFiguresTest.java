package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SLOT;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.ersreferral.benchmark.HistoryBytes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The figures the benchmark reads from a node, on the shared application: SQL statements counted on
 * the engine's pool, the delay of each job before a job executor thread runs it, and the history a
 * referral leaves (its own and its e-RS steps').
 */
class BenchmarkFiguresTest extends LiveReferralTest {

    @Autowired
    MeterRegistry registry;
    @Autowired
    DataSource dataSource;

    @Test
    void aBookedReferralIsCountedInStatementsJobDelaysAndHistoryBytes() throws Exception {
        assertThat(dataSource).as("the engine's bean is still the pool").isInstanceOf(HikariDataSource.class);
        double statementsBefore = statements();
        long delaysBefore = jobDelays();

        ProcessInstance referral = start("figures-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of(
                "referralLetter1", Variables.fileValue("referral-letter.pdf").file(pdfBytes()).mimeType("application/pdf").create()));
        Task slotTask = awaitTask(referral, TASK_CHOOSE_SLOT);
        taskService.complete(slotTask.getId(), Map.of("slotId", firstSlot(referral)));
        awaitEnd(referral);

        // A referral's steps run as jobs, each inserting, updating and deleting rows: well over a hundred statements.
        assertThat(statements() - statementsBefore).isGreaterThan(100);
        // At least one job per e-RS step (A030, A010, A011, A020, A012, A015, A016, A019, A005), each timed once as it started.
        assertThat(jobDelays() - delaysBefore).isGreaterThanOrEqualTo(9);
        assertThat(registry.find("referral.job.acquisition.delay").tag("type", "async-continuation").timer()).isNotNull();

        try (Connection connection = dataSource.getConnection()) {
            Map<String, Long> byTable = HistoryBytes.byTable(connection, List.of(referral.getId()));
            assertThat(byTable).containsKeys("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST");
            long total = HistoryBytes.total(connection, List.of(referral.getId()));
            assertThat(total).isEqualTo(byTable.values().stream().mapToLong(Long::longValue).sum());
            // Rows of the referral's ers-step instances count too: their user task rows and activities kept
            // at history level referral carry the referral as root instance.
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            long stepActivities = jdbc.queryForObject("select count(*) from ACT_HI_ACTINST where ROOT_PROC_INST_ID_ = ?"
                    + " and PROC_INST_ID_ <> ?", Long.class, referral.getId(), referral.getId());
            long processInstances = jdbc.queryForObject("select count(*) from ACT_HI_PROCINST where ROOT_PROC_INST_ID_ = ?",
                    Long.class, referral.getId());
            // Every instance row holds at least four ids of 36 characters (its own, instance, root, definition).
            assertThat(byTable.get("ACT_HI_PROCINST")).isGreaterThanOrEqualTo(processInstances * 4 * 36);
            assertThat(byTable.get("ACT_HI_ACTINST")).isGreaterThanOrEqualTo(stepActivities * 4 * 36);
            // A referral's history is kilobytes, not bytes, nor megabytes.
            assertThat(total).isBetween(5_000L, 5_000_000L);
            assertThat(HistoryBytes.total(connection, List.of("no-such-instance"))).isZero();
        }
    }

    private double statements() {
        return Search.in(registry).name("referral.sql.statements").functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private long jobDelays() {
        return Search.in(registry).name("referral.job.acquisition.delay").timers().stream()
                .mapToLong(t -> t.count()).sum();
    }
}
