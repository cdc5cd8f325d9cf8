package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.END_AWAITING_PATIENT_BOOKING;
import static org.ersreferral.process.ReferralProcess.END_REFERRAL_CANCELLED;
import static org.ersreferral.process.ReferralProcess.TASK_ATTACH_REFERRAL_LETTER;
import static org.ersreferral.process.ReferralProcess.TASK_CHOOSE_SHORTLIST;
import static org.ersreferral.process.ReferralProcess.TASK_SIGN_IN_AGAIN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code ers.auth.mode=professional-session} through the engine against the simulator: each
 * referral opens one archived session (A001, A002) on its first e-RS call and ends it (A003) on
 * its exit, whether it ends normally, is cancelled or is deleted. No smartcard token is configured:
 * the client takes the simulator's random one in process, the only one A001 accepts.
 */
@TestPropertySource(properties = {
        "ers.auth.mode=professional-session", "ers.auth.asid=200000000001"})
class ProfessionalSessionLifecycleTest extends LiveReferralTest {

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aReferralUsesOneSessionAndEndsItAtTheEnd() {
        ProcessInstance referral = start("session-1");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", SpinValues.jsonValue("[\"51002\"]").create()));
        JsonNode midway = calls();
        assertThat(midway.path("A001").asInt()).isEqualTo(1);
        assertThat(midway.path("A002").asInt()).isEqualTo(1);
        assertThat(midway.path("A003").asInt()).as("still running").isZero();
        assertThat(storedSessions(referral)).as("kept for other nodes").isEqualTo(1);
        String sessionId = jdbc.queryForObject("select session_id from ers_session where process_instance_id = ?", String.class,
                referral.getId());
        assertThat(runtimeService.getVariables(referral.getId()).values()).as("a session id is a credential, never a variable")
                .noneMatch(value -> value != null && value.toString().contains(sessionId));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));

        assertThat(awaitEnd(referral).getEndActivityId()).isEqualTo(END_AWAITING_PATIENT_BOOKING);
        await("A003", () -> calls().path("A003").asInt() == 1, referral);
        assertThat(storedSessions(referral)).as("forgotten once ended").isZero();
        JsonNode calls = calls();
        assertThat(calls.path("A001").asInt()).isEqualTo(1);
        assertThat(calls.path("A002").asInt()).isEqualTo(1);
        assertThat(calls.path("A011").asInt()).as("the referral was made with the session").isEqualTo(1);
        assertThat(calls.path("TOKEN").asInt()).isZero();
    }

    @Test
    void aCancelledReferralEndsItsSession() {
        ProcessInstance referral = start("session-cancel-1");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", SpinValues.jsonValue("[\"51002\"]").create()));
        awaitTask(referral, TASK_ATTACH_REFERRAL_LETTER);

        assertThat(app.post("/api/referrals/session-cancel-1/cancel", "coordinator",
                Map.of("reason", "NO_LONGER_REQUIRED")).status()).isEqualTo(202);

        awaitEnd(referral);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(referral.getId())
                .activityId(END_REFERRAL_CANCELLED).count()).isEqualTo(1);
        await("A003", () -> calls().path("A003").asInt() == 1, referral);
        assertThat(calls().path("A036").asInt()).isEqualTo(1);
        // One session for the referral, one for the application's own check of the cancellation reason against
        // e-RS's codes (A004) before it accepts the cancel request.
        assertThat(calls().path("A001").asInt()).isEqualTo(2);
    }

    @Test
    void aDeletedReferralEndsItsSessionEvenSkippingListeners() {
        ProcessInstance referral = start("session-delete-1");
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);
        assertThat(calls().path("A001").asInt()).isEqualTo(1);

        runtimeService.deleteProcessInstance(referral.getId(), "test clean-up", true);
        await("A003", () -> calls().path("A003").asInt() == 1, referral);
    }

    @Test
    void aRefusedSessionIsReplacedWhenTheStepIsRetried() {
        assertThat(app.post("/ers-sim/admin/faults", "admin", Map.of("operation", "A010", "status", 401)).status())
                .isEqualTo(201);
        ProcessInstance referral = start("session-401-1");
        complete(referral, TASK_SIGN_IN_AGAIN, Map.of());
        awaitTask(referral, TASK_CHOOSE_SHORTLIST);

        JsonNode calls = calls();
        assertThat(calls.path("A001").asInt()).as("a new session after the 401").isEqualTo(2);
        assertThat(calls.path("A010").asInt()).isEqualTo(2);
        runtimeService.deleteProcessInstance(referral.getId(), "test clean-up");
        await("A003", () -> calls().path("A003").asInt() == 1, referral);
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode calls() {
        return app.get("/ers-sim/admin/calls", "admin").json();
    }

    private ProcessInstance start(String requestId) {
        return start(requestId, "ROUTINE", "CARDIOLOGY", "HEART_FAILURE");
    }

    private int storedSessions(ProcessInstance referral) {
        return jdbc.queryForObject("select count(*) from ers_session where process_instance_id = ?", Integer.class, referral.getId());
    }
}
