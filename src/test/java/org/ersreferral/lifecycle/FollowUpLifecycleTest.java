package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ersreferral.process.ReferralProcess.*;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.ersreferral.process.FollowUp;
import org.junit.jupiter.api.Test;

/**
 * A sent referral is followed in e-RS by {@code ers-referral-follow-up}, in the real application against
 * the embedded simulator over HTTP: it starts at the referral's outcome, in the referral's organisation,
 * and reads what it needs from e-RS as the referral's coordinator.
 */
class FollowUpLifecycleTest extends LiveReferralTest {

    @Test
    void aBookedReferralIsFollowedUntilTheAttendanceWindowAfterItsAppointment() throws Exception {
        ProcessInstance referral = start("follow-booked-1", "URGENT", "CARDIOLOGY", "LIPID_MANAGEMENT");
        complete(referral, TASK_CHOOSE_SHORTLIST, Map.of("shortlist", json("[\"11002\"]"), "bookServiceId", "11002"));
        complete(referral, TASK_ATTACH_REFERRAL_LETTER, Map.of("attachLater", true));
        awaitTask(referral, TASK_CHOOSE_SLOT);
        String slotId = firstSlot(referral);
        taskService.complete(awaitTask(referral, TASK_CHOOSE_SLOT).getId(), Map.of("slotId", slotId));
        awaitEnd(referral);

        ProcessInstance followUp = awaitFollowUpWaitingAt(referral, FollowUp.GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(followUp.getTenantId()).isEqualTo(referral.getTenantId()).isNotNull();
        assertThat(runtimeService.getVariable(followUp.getId(), FollowUp.ERS_STATUS.name())).isEqualTo("BOOKED");
        assertThat(runtimeService.getVariable(followUp.getId(), "ubrn")).isEqualTo(variable(referral, "ubrn"));
        // The letter and the slots of sending stay with the referral.
        assertThat(runtimeService.getVariable(followUp.getId(), "patientLetter")).isNull();
        assertThat(runtimeService.getVariable(followUp.getId(), "slots")).isNull();

        OffsetDateTime appointment = OffsetDateTime.parse(onlyReferral().get("appointment").get("start").asText());
        Instant due = Instant.parse((String) runtimeService.getVariable(followUp.getId(), FollowUp.ATTENDANCE_CHECK_DUE.name()));
        assertThat(due).isEqualTo(appointment.toInstant().plus(Duration.ofDays(14)));
        assertThat(app.get("/ers-sim/admin/calls", "admin").json().path("A038").asInt()).isOne();
    }

    /** The referral's follow-up once it waits at {@code activityId}. */
    ProcessInstance awaitFollowUpWaitingAt(ProcessInstance referral, String activityId) {
        ProcessInstance[] found = new ProcessInstance[1];
        await("follow-up of " + referral.getBusinessKey() + " at " + activityId, () -> {
            found[0] = runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                    .processInstanceBusinessKey(referral.getBusinessKey()).singleResult();
            return found[0] != null && runtimeService.getActiveActivityIds(found[0].getId()).contains(activityId);
        }, referral);
        return found[0];
    }
}
