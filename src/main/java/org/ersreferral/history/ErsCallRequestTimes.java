package org.ersreferral.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives e-RS calls recorded before calls carried their referral's request time that time, in
 * batches at start-up, so the reports (which select calls by it) count them too. Nodes doing this
 * at once write the same values.
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
    void fillMissing() {
        Long first = jdbc.queryForObject("SELECT MIN(id) FROM ers_call_record WHERE requested_at IS NULL"
                + " AND process_instance_id IS NOT NULL", Long.class);
        if (first == null) {
            return;
        }
        long last = jdbc.queryForObject("SELECT MAX(id) FROM ers_call_record", Long.class);
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
