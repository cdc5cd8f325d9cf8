package org.ersreferral.history;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.Timestamp;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Referrals, user tasks, e-RS calls and the e-RS states their follow-ups saw, with chosen times and durations, written straight into the
 * tables the reports read, so the reports' counts and nearest-rank percentiles are known exactly.
 * All in March 2020, away from anything a live referral records.
 */
final class KnownHistory {

    private final JdbcTemplate jdbc;

    KnownHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void write() {
        // Requested before the range but completed in it: counts only as completed on 2020-03-01.
        referral("fx-00", "CARDIOLOGY", "ROUTINE", "2020-02-20T09:00:00Z", Duration.ofDays(10).plusHours(1), "BOOKED");
        referral("fx-01", "CARDIOLOGY", "URGENT", "2020-03-02T09:00:00Z", Duration.ofMinutes(1), "BOOKED");
        referral("fx-02", "CARDIOLOGY", "ROUTINE", "2020-03-02T10:00:00Z", Duration.ofMinutes(2), "BOOKED");
        referral("fx-03", "CARDIOLOGY", "ROUTINE", "2020-03-02T11:00:00Z", Duration.ofMinutes(10), "DEFERRED_TO_PROVIDER");
        referral("fx-04", "DERMATOLOGY", "ROUTINE", "2020-03-03T08:00:00Z", Duration.ofMinutes(20), "SENT_FOR_TRIAGE");
        referral("fx-05", "DERMATOLOGY", "TWO_WEEK_WAIT", "2020-03-03T09:00:00Z", Duration.ofHours(1), "BOOKED");
        referral("fx-06", "CARDIOLOGY", "URGENT", "2020-03-03T10:00:00Z", Duration.ofHours(3), "AWAITING_PATIENT_BOOKING");
        referral("fx-07", "CARDIOLOGY", "ROUTINE", "2020-03-03T23:30:00Z", Duration.ofHours(10), "CANCELLED");
        referral("fx-08", "DERMATOLOGY", "ROUTINE", "2020-03-04T08:00:00Z", Duration.ofDays(2), "SEARCH_ABANDONED");
        referral("fx-09", "CARDIOLOGY", "ROUTINE", "2020-03-04T09:00:00Z", Duration.ofDays(5), "BOOKED");
        // Completed after the range ends: in the durations (requested in range), not in the completions per day.
        referral("fx-10", "CARDIOLOGY", "URGENT", "2020-03-04T10:00:00Z", Duration.ofDays(8), "BOOKED");
        // Still in progress; its request id needs quoting in CSV.
        referral("fx-11,\"odd\"", "CARDIOLOGY", "ROUTINE", "2020-03-04T11:00:00Z", null, null);

        for (int k = 1; k <= 10; k++) {
            task(String.format("fx-%02d", k), "Task_ChooseShortlist", k * 1000L, "completed");
        }
        task("fx-00", "Task_ChooseShortlist", 999_999L, "completed");
        task("fx-01", "Task_ChooseSlot", 30_000L, "completed");
        task("fx-02", "Task_ChooseSlot", 60_000L, "completed");
        task("fx-05", "Task_ChooseSlot", 90_000L, "completed");
        task("fx-01", "Task_AttachReferralLetter", 500L, "completed");
        task("fx-07", "Task_AttachReferralLetter", 7_000_000L, "deleted"); // ended by the cancellation, not completed
        task("fx-11,\"odd\"", "Task_ChooseShortlist", null, null); // open

        call("fx-01", "Task_SearchServices", "A010", 503, null, 100);
        call("fx-01", "Task_SearchServices", "A010", 200, null, 300, true);
        call("fx-02", "Task_SearchServices", "A010", 200, null, 200);
        call("fx-03", "Task_SearchServices", "A010", 0, "SocketTimeoutException", 3000);
        call("fx-03", "Task_SearchServices", "A010", 200, null, 400, true);
        call("fx-01", "Task_CreateReferral", "A011", 201, null, 50);
        call("fx-02", "Task_CreateReferral", "A011", 422, null, 60);
        call("fx-02", "Task_CreateReferral", "A011", 201, null, 70, true);
        call("fx-03", "Task_CreateReferral", "A011", 201, null, 80);
        call("fx-01", "Task_BookAppointment", "A016", 201, null, 500);
        call("fx-03", "Task_DeferToProvider", "A016", 201, null, 600); // same operation, another step: no retry
        call("fx-00", "Task_SearchServices", "A010", 500, null, 99_999);

        // After sending, as the follow-ups saw e-RS: fx-01 booked at sending (30 s after its create step); fx-03 deferred,
        // rejected and booked elsewhere 10 days after sending; fx-04 sent for triage, answered with advice and chased.
        sent("fx-01", "Task_CreateReferral", "2020-03-02T09:00:30Z");
        sent("fx-03", "Task_CreateReferral", "2020-03-02T11:05:00Z");
        sent("fx-04", "Task_CreateReferralAndSendForTriage", "2020-03-03T08:10:00Z");
        ersState("fx-01", "2020-03-02T09:01:00Z", "BOOKED", null, null, "11002");
        ersState("fx-03", "2020-03-02T11:10:00Z", "DEFERRED_TO_PROVIDER", null, null, "11021");
        ersState("fx-03", "2020-03-05T10:00:00Z", "REJECTED", "CLINICAL", "Clinically inappropriate", "11021");
        ersState("fx-03", "2020-03-12T11:05:00Z", "BOOKED", null, null, "11002");
        ersState("fx-04", "2020-03-03T08:11:00Z", "AWAITING_TRIAGE", null, null, "50001");
        ersState("fx-04", "2020-03-06T08:00:00Z", "TRIAGE_RESPONSE", "ADVICE_GIVEN", "Advice given", "50001");
        followUp("fx-04");
        chaser("fx-04", "Task_ChaseProvider", "completed");
    }

    /** The referral's create step as the engine's history keeps it: times in the JVM's zone, as the engine writes them. */
    private void sent(String requestId, String step, String endedAt) {
        Instant end = Instant.parse(endedAt);
        jdbc.update("INSERT INTO ACT_HI_ACTINST (ID_, PROC_DEF_KEY_, PROC_DEF_ID_, ROOT_PROC_INST_ID_, PROC_INST_ID_, EXECUTION_ID_,"
                        + " ACT_ID_, ACT_TYPE_, START_TIME_, END_TIME_, DURATION_, ACT_INST_STATE_, SEQUENCE_COUNTER_)"
                        + " VALUES (?, 'ers-referral', 'ers-referral:1:fx', ?, ?, ?, ?, 'callActivity', ?, ?, 1000, 1, 1)",
                "act-" + instance(requestId), instance(requestId), instance(requestId), instance(requestId), step,
                Timestamp.from(end.minusSeconds(1)), Timestamp.from(end));
    }

    /** A state the referral's follow-up saw in e-RS, as {@code ersStatesSeen} records it. */
    private void ersState(String requestId, String seenAt, String status, String reasonCode, String reason, String serviceId) {
        jdbc.update("INSERT INTO ers_state_seen (process_instance_id, business_key, organisation, seen_at, status, reason_code,"
                        + " reason_display, last_updated, service_id, service_name, seen_by)"
                        + " VALUES (?, ?, 'R69', ?, ?, ?, ?, ?, ?, ?, 'Event_ErsChanged')",
                followUpOf(requestId), requestId, utc(Instant.parse(seenAt)), status, reasonCode, reason, seenAt, serviceId,
                serviceId == null ? null : SERVICE_NAMES.get(serviceId));
    }

    /** The services' names as the referrals' searches found them; 50001 (a referral found in e-RS, say) has none. */
    static final Map<String, String> SERVICE_NAMES = Map.of("11000", "Forthright Cardiology Business Service",
            "11002", "Good Cardiology Business Service", "11003", "Other Cardiology",
            "11021", "Cardiology Business Service - No Slots");

    private void followUp(String requestId) {
        jdbc.update("INSERT INTO ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_,"
                        + " TENANT_ID_, STATE_) VALUES (?, ?, ?, 'ers-referral-follow-up', 'ers-referral-follow-up:1:fx', ?, 'R69', 'ACTIVE')",
                followUpOf(requestId), followUpOf(requestId), requestId, Timestamp.from(Instant.parse("2020-03-05T00:00:00Z")));
    }

    private void chaser(String requestId, String taskKey, String deleteReason) {
        Instant start = Instant.parse("2020-03-05T00:00:00Z");
        jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, ROOT_PROC_INST_ID_, NAME_,"
                        + " START_TIME_, END_TIME_, DURATION_, DELETE_REASON_) VALUES (?, ?, 'ers-referral-follow-up', ?, ?, ?, ?, ?, ?, ?)",
                "task-" + taskKey + "-" + followUpOf(requestId), taskKey, followUpOf(requestId), followUpOf(requestId), taskKey,
                Timestamp.from(start), Timestamp.from(start.plusSeconds(600)), 600_000L, deleteReason);
    }

    private static String followUpOf(String requestId) {
        return "follow-up-" + requestId;
    }

    private void referral(String requestId, String specialty, String priority, String createdAt, Duration took, String outcome) {
        Instant created = Instant.parse(createdAt);
        Instant completed = took == null ? null : created.plus(took);
        jdbc.update("INSERT INTO referral_record (request_id, process_instance_id, ubrn, specialty, priority, outcome, status,"
                        + " created_at, completed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                requestId, instance(requestId), "0000000001" + requestId.substring(3, 5), specialty, priority, outcome,
                completed == null ? "ACTIVE" : "COMPLETED", utc(created), completed == null ? null : utc(completed));
    }

    private void task(String requestId, String taskKey, Long durationMs, String deleteReason) {
        Instant start = Instant.parse("2020-03-05T00:00:00Z");
        // As the engine writes it: the root instance too (the referral's, also for tasks of its ers-step instances).
        jdbc.update("INSERT INTO ACT_HI_TASKINST (ID_, TASK_DEF_KEY_, PROC_DEF_KEY_, PROC_INST_ID_, ROOT_PROC_INST_ID_, NAME_,"
                        + " START_TIME_, END_TIME_, DURATION_, DELETE_REASON_) VALUES (?, ?, 'ers-referral', ?, ?, ?, ?, ?, ?, ?)",
                "task-" + taskKey + "-" + instance(requestId), taskKey, instance(requestId), instance(requestId),
                taskKey + " (Cardiology, routine)",
                Timestamp.from(start), durationMs == null ? null : Timestamp.from(start.plusMillis(durationMs)), durationMs,
                deleteReason);
    }

    private void call(String requestId, String step, String operation, int status, String failure, long durationMs) {
        call(requestId, step, operation, status, failure, durationMs, false);
    }

    private void call(String requestId, String step, String operation, int status, String failure, long durationMs,
                      boolean retry) {
        jdbc.update("INSERT INTO ers_call_record (process_instance_id, step, operation, correlation_id, method, path, status,"
                        + " failure, duration_ms, started_at, retry, requested_at) VALUES (?, ?, ?, ?, 'POST', '/STU3/x', ?, ?, ?, ?, ?,"
                        + " (SELECT r.created_at FROM referral_record r WHERE r.process_instance_id = ?))",
                instance(requestId), step, operation, instance(requestId) + ":" + step + ":" + Math.random(), status, failure,
                durationMs, utc(Instant.parse("2020-03-05T00:00:00Z")), retry, instance(requestId));
    }

    private static String instance(String requestId) {
        return "pi-" + requestId.substring(0, 5);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
