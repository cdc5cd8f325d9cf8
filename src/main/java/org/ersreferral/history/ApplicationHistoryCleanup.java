package org.ersreferral.history;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupHelper;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.ersreferral.process.FollowUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the application's own history of finished referrals ({@code referral_record},
 * {@code ers_call_record}, {@code ers_request_journal} and the e-RS states their follow-ups saw, {@code ers_state_seen})
 * on the engine's terms, so nothing outlives the engine's history and nothing is removed before it:
 * <ul>
 * <li>a completed referral goes, with its e-RS calls and journalled requests, once it completed longer than the time to live
 * ago (the engine's removal time with the "end" strategy), or as soon as its engine history is gone
 * (deleted in Cockpit, say); the e-RS states its follow-up saw go with it, unless that follow-up still runs;</li>
 * <li>an e-RS call, journalled request or e-RS state of no known referral goes once it is older than the time to
 * live and the engine has no history of its process instance.</li>
 * </ul>
 * It runs only while the engine's history cleanup may run (its batch window), in batches of one
 * transaction each. Several nodes may run it at once: each batch locks its rows with
 * {@code FOR UPDATE SKIP LOCKED}, so nodes share the work instead of waiting on each other.
 */
@Component
class ApplicationHistoryCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationHistoryCleanup.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final HistoryRetentionProperties properties;
    private final ProcessEngine engine;

    ApplicationHistoryCleanup(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                              HistoryRetentionProperties properties, ProcessEngine engine) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.properties = properties;
        this.engine = engine;
    }

    @Scheduled(initialDelayString = "${referral.history.cleanup-interval:15m}",
            fixedDelayString = "${referral.history.cleanup-interval:15m}")
    void inBatchWindow() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (!configuration.isHistoryCleanupEnabled()
                || !HistoryCleanupHelper.isWithinBatchWindow(ClockUtil.getCurrentTime(), configuration)) {
            return;
        }
        Removed removed = cleanUp(clock.instant());
        if (removed.referrals() + removed.calls() + removed.requests() + removed.ersStates() > 0) {
            LOG.info("History cleanup removed {} finished referral records, {} e-RS call records, {} journalled e-RS requests"
                    + " and {} e-RS states seen", removed.referrals(), removed.calls(), removed.requests(), removed.ersStates());
        }
    }

    /** What one run removed. */
    record Removed(int referrals, int calls, int requests, int ersStates) {
    }

    /** Removes everything due at {@code now}, batch by batch. */
    Removed cleanUp(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(properties.timeToLive()));
        boolean engineKeepsHistory = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getHistoryLevel() != HistoryLevel.HISTORY_LEVEL_NONE;
        int referrals = 0;
        int calls = 0;
        int requests = 0;
        int ersStates = 0;
        int[] batch;
        do {
            batch = transaction.execute(tx -> removeReferralBatch(cutoff, engineKeepsHistory));
            referrals += batch[0];
            calls += batch[1];
            requests += batch[2];
            ersStates += batch[3];
        } while (batch[0] == properties.cleanupBatchSize());
        if (engineKeepsHistory) {
            int removed;
            do {
                removed = transaction.execute(tx -> removeOrphanBatch("ers_call_record", "started_at", cutoff));
                calls += removed;
            } while (removed == properties.cleanupBatchSize());
            do {
                removed = transaction.execute(tx -> removeOrphanBatch("ers_request_journal", "sent_at", cutoff));
                requests += removed;
            } while (removed == properties.cleanupBatchSize());
            do {
                // Linked to their referral by its request id (the follow-up's business key), not by instance.
                removed = transaction.execute(tx -> removeOrphanBatch("ers_state_seen", "seen_at", cutoff,
                        "r.request_id = c.business_key"));
                ersStates += removed;
            } while (removed == properties.cleanupBatchSize());
        }
        return new Removed(referrals, calls, requests, ersStates);
    }

    private int[] removeReferralBatch(Timestamp cutoff, boolean engineKeepsHistory) {
        List<Object[]> due = jdbc.query("select r.id, r.process_instance_id, r.request_id from referral_record r"
                        + " where r.status = 'COMPLETED' and (r.completed_at < ?"
                        + (engineKeepsHistory
                        ? " or not exists (select 1 from ACT_HI_PROCINST p where p.PROC_INST_ID_ = r.process_instance_id)" : "")
                        + ")"
                        // A sent referral still being followed stays listed (My referrals, its timeline) however old its sending.
                        + " and not exists (select 1 from ACT_RU_EXECUTION e join ACT_RE_PROCDEF d on d.ID_ = e.PROC_DEF_ID_"
                        + " where e.BUSINESS_KEY_ = r.request_id and e.PARENT_ID_ is null and d.KEY_ = ?)"
                        + " order by r.id fetch first " + properties.cleanupBatchSize() + " rows only for update skip locked",
                (row, n) -> new Object[] {row.getLong(1), row.getString(2), row.getString(3)}, cutoff, FollowUp.PROCESS_KEY);
        if (due.isEmpty()) {
            return new int[] {0, 0, 0, 0};
        }
        List<Object> instances = due.stream().map(row -> row[1]).filter(Objects::nonNull).toList();
        int calls = instances.isEmpty() ? 0 : jdbc.update("delete from ers_call_record where process_instance_id in ("
                + placeholders(instances.size()) + ")", instances.toArray());
        int requests = instances.isEmpty() ? 0 : jdbc.update("delete from ers_request_journal where process_instance_id in ("
                + placeholders(instances.size()) + ")", instances.toArray());
        // A follow-up still running keeps its states: they go as orphans once its own history has gone.
        List<Object> requestIds = due.stream().map(row -> row[2]).toList();
        int ersStates = jdbc.update("delete from ers_state_seen where business_key in (" + placeholders(requestIds.size()) + ")"
                + " and not exists (select 1 from ACT_RU_EXECUTION e where e.PROC_INST_ID_ = ers_state_seen.process_instance_id)",
                requestIds.toArray());
        List<Object> ids = due.stream().map(row -> row[0]).toList();
        jdbc.update("delete from referral_record where id in (" + placeholders(ids.size()) + ")", ids.toArray());
        return new int[] {due.size(), calls, requests, ersStates};
    }

    /** Rows of {@code table} (one of the application's own) older than the cutoff whose referral is known nowhere. */
    private int removeOrphanBatch(String table, String timeColumn, Timestamp cutoff) {
        return removeOrphanBatch(table, timeColumn, cutoff, "r.process_instance_id = c.process_instance_id");
    }

    private int removeOrphanBatch(String table, String timeColumn, Timestamp cutoff, String ofReferral) {
        List<Object> ids = jdbc.query("select c.id from " + table + " c where c." + timeColumn + " < ?"
                        + " and not exists (select 1 from referral_record r where " + ofReferral + ")"
                        + " and not exists (select 1 from ACT_HI_PROCINST p where p.PROC_INST_ID_ = c.process_instance_id)"
                        + " order by c.id fetch first " + properties.cleanupBatchSize() + " rows only for update skip locked",
                (row, n) -> row.getLong(1), cutoff);
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.update("delete from " + table + " where id in (" + placeholders(ids.size()) + ")", ids.toArray());
    }

    private static String placeholders(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }
}
