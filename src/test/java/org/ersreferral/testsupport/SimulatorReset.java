package org.ersreferral.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.ersreferral.lifecycle.LiveApplication;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Resets the embedded e-RS for the next test together with what the worklist sync saw of it: the reset numbers
 * referrals from the start again, so a UBRN the sync saw before would name another referral now.
 */
public final class SimulatorReset {

    private SimulatorReset() {
    }

    public static void withWhatTheSyncSaw(LiveApplication app, JdbcTemplate jdbc) {
        jdbc.update("delete from worklist_sync_seen");
        LiveApplication.Answer reset = app.post("/ers-sim/admin/reset", "admin", "{}");
        assertThat(reset.status()).as(reset.body()).isBetween(200, 204);
    }
}
