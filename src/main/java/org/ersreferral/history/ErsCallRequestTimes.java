package org.ersreferral.history;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Readies existing history for the analyst reports at start-up: gives e-RS calls recorded before
 * calls carried their referral's request time that time, in batches (nodes doing this at once write
 * the same values), and adds the reports' index to the engine's task history.
 */
@Component
class ErsCallRequestTimes {

    private static final Logger log = LoggerFactory.getLogger(ErsCallRequestTimes.class);
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;

    ErsCallRequestTimes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void prepare() {
        indexTaskHistory();
        fillMissing();
    }

    /**
     * Covers the user-task report: without it each of a range's referrals costs a lookup of every
     * task row, all columns, in the engine's table. Camunda allows extra indexes on its history.
     */
    void indexTaskHistory() {
        try {
            // By root instance: a referral's tasks include those of the ers-step instances it called.
            jdbc.execute("CREATE INDEX IF NOT EXISTS ix_hi_taskinst_root_report"
                    + " ON ACT_HI_TASKINST (ROOT_PROC_INST_ID_, DELETE_REASON_, TASK_DEF_KEY_, DURATION_)");
            // The index of earlier versions, by the referral's own instance only, serves no report now.
            jdbc.execute("DROP INDEX IF EXISTS ix_hi_taskinst_report");
        } catch (DataAccessException raced) {
            // Another node created or dropped it at the same moment; the reports only need the new one to exist.
            log.debug("Task history index not changed here: {}", raced.getMessage());
        }
    }

    void fillMissing() {
        // Only calls whose referral is known can be given its time: bounded by those, a start-up with
        // nothing to fill (calls of deleted referrals stay without one) does no batches at all.
        Map<String, Object> bounds = jdbc.queryForMap("SELECT MIN(c.id) AS first_id, MAX(c.id) AS last_id"
                + " FROM ers_call_record c JOIN referral_record r ON r.process_instance_id = c.process_instance_id"
                + " WHERE c.requested_at IS NULL");
        if (bounds.get("first_id") == null) {
            return;
        }
        long first = ((Number) bounds.get("first_id")).longValue();
        long last = ((Number) bounds.get("last_id")).longValue();
        long filled = 0;
        // Id ranges keep each batch an index range, whatever the table's size.
        for (long from = first; from <= last; from += BATCH) {
            filled += jdbc.update("UPDATE ers_call_record SET requested_at = (SELECT r.created_at FROM referral_record r"
                    + " WHERE r.process_instance_id = ers_call_record.process_instance_id)"
                    + " WHERE id >= ? AND id < ? AND requested_at IS NULL AND process_instance_id IS NOT NULL",
                    from, from + BATCH);
        }
        if (filled > 0) {
            log.info("Gave {} recorded e-RS calls their referral's request time", filled);
        }
    }
}
