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
    /** Enough batches for millions of calls; a bound so a start-up can never loop. */
    private static final int MAX_BATCHES = 1_000;

    private final JdbcTemplate jdbc;

    ErsCallRequestTimes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void fillMissing() {
        long filled = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int updated = jdbc.update("UPDATE ers_call_record SET requested_at = (SELECT r.created_at FROM referral_record r"
                    + " WHERE r.process_instance_id = ers_call_record.process_instance_id)"
                    + " WHERE id IN (SELECT c.id FROM ers_call_record c JOIN referral_record r"
                    + " ON r.process_instance_id = c.process_instance_id WHERE c.requested_at IS NULL"
                    + " ORDER BY c.id FETCH FIRST " + BATCH + " ROWS ONLY)");
            filled += updated;
            if (updated < BATCH) {
                break;
            }
        }
        if (filled > 0) {
            log.info("Gave {} recorded e-RS calls their referral's request time", filled);
        }
    }
}
