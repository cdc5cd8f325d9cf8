package org.ersreferral.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.ersreferral.process.Ubrn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * The analyst reports' SQL. Every report first narrows to the filtered referrals (by request or
 * completion day, an indexed column) and aggregates in the database, so a report costs one pass
 * over the chosen referrals' rows whatever their number. Percentiles are nearest-rank
 * ({@code PERCENTILE_DISC}), which H2 2.x and PostgreSQL both compute.
 */
@Repository
class AnalyticsQueries {

    /** Upper bounds (exclusive) of the request-to-outcome buckets, in ms; the last bucket is open. */
    static final long[] BUCKET_BOUNDS_MS = {
            5 * 60_000L, 30 * 60_000L, 2 * 3_600_000L, 8 * 3_600_000L, 24 * 3_600_000L, 3 * 86_400_000L, 7 * 86_400_000L};
    static final List<String> BUCKET_LABELS = List.of(
            "under 5 min", "5-30 min", "30 min-2 h", "2-8 h", "8-24 h", "1-3 days", "3-7 days", "over 7 days");

    private static final String PERCENTILES = "COUNT(*), PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY %1$s), "
            + "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY %1$s), MAX(%1$s)";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private volatile String millisBetween;

    AnalyticsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        // PostgreSQL sends rows in batches only with a fetch size, inside a transaction (the caller's).
        this.streaming.setFetchSize(500);
    }

    record Totals(long total, long inProgress) {
    }

    record Count(String key, long count) {
    }

    record DayCount(LocalDate day, long count) {
    }

    record Spread(String key, long count, Long p50Ms, Long p90Ms, Long maxMs) {
    }

    record StatusCount(String operation, int status, long count, long retries) {
    }

    record ReferralRow(String requestId, String ubrn, String specialty, String priority, String status, String outcome,
                       Instant requestedAt, Instant completedAt) {
    }

    Totals totals(ReportFilter filter) {
        Where where = requested(filter);
        return jdbc.queryForObject("SELECT COUNT(*), SUM(CASE WHEN r.status = 'ACTIVE' THEN 1 ELSE 0 END) "
                + "FROM referral_record r WHERE " + where.sql, (rs, i) -> new Totals(rs.getLong(1), rs.getLong(2)), where.args());
    }

    List<Count> outcomes(ReportFilter filter) {
        Where where = requested(filter);
        return jdbc.query("SELECT r.outcome, COUNT(*) FROM referral_record r WHERE " + where.sql
                        + " AND r.status = 'COMPLETED' AND r.outcome IS NOT NULL GROUP BY r.outcome",
                (rs, i) -> new Count(rs.getString(1), rs.getLong(2)), where.args());
    }

    List<DayCount> requestedPerDay(ReportFilter filter) {
        return perDay(requested(filter), "created_at", "");
    }

    List<DayCount> completedPerDay(ReportFilter filter) {
        return perDay(where(filter, "completed_at"), "completed_at", " AND r.status = 'COMPLETED'");
    }

    private List<DayCount> perDay(Where where, String column, String also) {
        String day = "CAST(r." + column + " AT TIME ZONE 'UTC' AS DATE)";
        return jdbc.query("SELECT " + day + ", COUNT(*) FROM referral_record r WHERE " + where.sql + also + " GROUP BY " + day,
                (rs, i) -> new DayCount(rs.getObject(1, LocalDate.class), rs.getLong(2)), where.args());
    }

    /** The spread of request-to-outcome times of completed referrals, and the count in each bucket. */
    Spread requestToOutcome(ReportFilter filter, long[] bucketCounts) {
        Where where = requested(filter);
        StringBuilder sql = new StringBuilder("SELECT ").append(String.format(Locale.ROOT, PERCENTILES, "d"));
        long lower = Long.MIN_VALUE;
        for (long upper : BUCKET_BOUNDS_MS) {
            sql.append(", SUM(CASE WHEN d < ").append(upper).append(lower == Long.MIN_VALUE ? "" : " AND d >= " + lower)
                    .append(" THEN 1 ELSE 0 END)");
            lower = upper;
        }
        sql.append(", SUM(CASE WHEN d >= ").append(lower).append(" THEN 1 ELSE 0 END)");
        sql.append(" FROM (SELECT ").append(millisBetween("r.created_at", "r.completed_at"))
                .append(" AS d FROM referral_record r WHERE ").append(where.sql)
                .append(" AND r.status = 'COMPLETED' AND r.completed_at IS NOT NULL) x");
        return jdbc.queryForObject(sql.toString(), (rs, i) -> {
            for (int b = 0; b < bucketCounts.length; b++) {
                bucketCounts[b] = rs.getLong(5 + b);
            }
            return spread(rs, null, 1);
        }, where.args());
    }

    /** Completed user tasks of the filtered referrals (also those of their e-RS steps, by root instance), per task. */
    List<Spread> userTasks(ReportFilter filter) {
        Where where = requested(filter);
        return jdbc.query("SELECT t.TASK_DEF_KEY_, " + String.format(Locale.ROOT, PERCENTILES, "t.DURATION_")
                        + " FROM referral_record r JOIN ACT_HI_TASKINST t ON t.ROOT_PROC_INST_ID_ = r.process_instance_id"
                        + " WHERE " + where.sql + " AND t.DELETE_REASON_ = 'completed' AND t.DURATION_ IS NOT NULL"
                        + " GROUP BY t.TASK_DEF_KEY_",
                (rs, i) -> spread(rs, rs.getString(1), 2), where.args());
    }

    List<Spread> ersDurations(ReportFilter filter) {
        Where where = calls(filter);
        return jdbc.query("SELECT c.operation, " + String.format(Locale.ROOT, PERCENTILES, "c.duration_ms")
                        + " FROM ers_call_record c WHERE " + where.sql + " GROUP BY c.operation",
                (rs, i) -> spread(rs, rs.getString(1), 2), where.args());
    }

    /** Calls per operation and HTTP status, and how many of them were retries, in one pass over the calls. */
    List<StatusCount> ersStatuses(ReportFilter filter) {
        Where where = calls(filter);
        return jdbc.query("SELECT c.operation, c.status, COUNT(*), SUM(CASE WHEN c.retry THEN 1 ELSE 0 END)"
                        + " FROM ers_call_record c WHERE " + where.sql + " GROUP BY c.operation, c.status",
                (rs, i) -> new StatusCount(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)), where.args());
    }

    /** A followed referral's sending (its create step finishing) and its first appointment seen, or null for none yet. */
    record SentAndBooked(Instant sentAt, Instant firstBookedAt) {
    }

    /** The states that hand a referral back to its referrer. */
    static final List<String> RETURNED_STATES = List.of("REJECTED", "TRIAGE_RESPONSE", "ASSESSMENT_RESULT", "DID_NOT_ATTEND",
            "APPT_CANCELLED_BY_PATIENT", "APPT_CANCELLED_BY_PROVIDER");

    /**
     * How many referrals of one kind (a service, or all) were followed, and how many of them were handed back;
     * {@code name}: the service's name as its referrals recorded it (null: none did, or all referrals).
     */
    record Returns(String key, String name, long referrals, long returned) {
    }

    /** One state and reason that handed referrals back: how often, and to how many referrals. */
    record ReturnReason(String status, String reasonCode, String reasonDisplay, long count, long referrals) {
    }

    /** Chaser tasks of one kind: created, completed, still open. */
    record Chasers(String taskKey, long raised, long resolved, long open) {
    }

    /** The follow-up's states of the filtered referrals, each joined to its referral by request id in its organisation. */
    private static final String STATES_OF_REFERRALS = " FROM referral_record r JOIN ers_state_seen s ON s.business_key = r.request_id"
            + " AND (r.organisation IS NULL OR s.organisation = r.organisation) WHERE ";

    /**
     * Each filtered referral that was sent and followed: when its create step finished, and when its first appointment
     * (state BOOKED, also a booking at sending) was seen. The engine writes its times in the JVM's zone, the
     * application in UTC: each is read as its own, so the difference is taken here, not in SQL.
     */
    List<SentAndBooked> sentAndBooked(ReportFilter filter, List<String> createSteps) {
        Where where = requested(filter);
        List<Object> args = new ArrayList<>(createSteps);
        args.addAll(where.argList);
        return jdbc.query("SELECT (SELECT MIN(a.END_TIME_) FROM ACT_HI_ACTINST a WHERE a.PROC_INST_ID_ = r.process_instance_id"
                        + " AND a.ACT_ID_ IN (" + String.join(", ", Collections.nCopies(createSteps.size(), "?")) + ")"
                        + " AND a.END_TIME_ IS NOT NULL AND (a.ACT_INST_STATE_ IS NULL OR a.ACT_INST_STATE_ <> 2)),"
                        + " MIN(CASE WHEN s.status = 'BOOKED' THEN s.seen_at END)"
                        + STATES_OF_REFERRALS + where.sql + " GROUP BY r.id, r.process_instance_id",
                (rs, i) -> {
                    Timestamp sent = rs.getTimestamp(1);
                    return new SentAndBooked(sent == null ? null : sent.toInstant(), instant(rs, 2));
                }, args.toArray()).stream().filter(row -> row.sentAt() != null).toList();
    }

    /**
     * Each service's name as last seen among the filtered referrals: e-RS may rename a service, and states seen before
     * a name was kept have none.
     */
    private Map<String, String> latestServiceNames(Where where) {
        Map<String, String> names = new HashMap<>();
        Map<String, Timestamp> seenAt = new HashMap<>();
        jdbc.query("SELECT s.service_id, s.service_name, MAX(s.seen_at)" + STATES_OF_REFERRALS + where.sql
                + " AND s.service_id IS NOT NULL AND s.service_name IS NOT NULL GROUP BY s.service_id, s.service_name", row -> {
                    String service = row.getString(1);
                    Timestamp at = row.getTimestamp(3);
                    if (!seenAt.containsKey(service) || at != null && (seenAt.get(service) == null || at.after(seenAt.get(service)))) {
                        seenAt.put(service, at);
                        names.put(service, row.getString(2));
                    }
                }, where.args());
        return names;
    }

    /**
     * Per service the referral was with when its state was seen (null: none named), with its name, and in all (key
     * null, first).
     */
    List<Returns> returnsByService(ReportFilter filter) {
        Where where = requested(filter);
        String returned = "COUNT(DISTINCT CASE WHEN s.status IN (" + quoted(RETURNED_STATES) + ") THEN s.business_key END)";
        List<Returns> answer = new ArrayList<>(jdbc.query("SELECT COUNT(DISTINCT s.business_key), " + returned
                + STATES_OF_REFERRALS + where.sql, (rs, i) -> new Returns(null, null, rs.getLong(1), rs.getLong(2)), where.args()));
        Map<String, String> names = latestServiceNames(where);
        answer.addAll(jdbc.query("SELECT s.service_id, COUNT(DISTINCT s.business_key), " + returned
                        + STATES_OF_REFERRALS + where.sql + " AND s.service_id IS NOT NULL GROUP BY s.service_id",
                (rs, i) -> new Returns(rs.getString(1), names.get(rs.getString(1)), rs.getLong(2), rs.getLong(3)), where.args()));
        return answer;
    }

    List<ReturnReason> returnReasons(ReportFilter filter) {
        Where where = requested(filter);
        return jdbc.query("SELECT s.status, s.reason_code, MAX(s.reason_display), COUNT(*), COUNT(DISTINCT s.business_key)"
                        + STATES_OF_REFERRALS + where.sql + " AND s.status IN (" + quoted(RETURNED_STATES) + ")"
                        + " GROUP BY s.status, s.reason_code",
                (rs, i) -> new ReturnReason(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)),
                where.args());
    }

    /** The chaser tasks of the filtered referrals' follow-ups (also those of steps they called, by root instance). */
    List<Chasers> chasers(ReportFilter filter, String followUpKey, List<String> chaserTasks) {
        Where where = requested(filter);
        List<Object> args = new ArrayList<>();
        args.add(followUpKey);
        args.addAll(chaserTasks);
        args.addAll(where.argList);
        return jdbc.query("SELECT t.TASK_DEF_KEY_, COUNT(*), SUM(CASE WHEN t.DELETE_REASON_ = 'completed' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN t.END_TIME_ IS NULL THEN 1 ELSE 0 END)"
                        + " FROM referral_record r JOIN ACT_HI_PROCINST p ON p.BUSINESS_KEY_ = r.request_id AND p.PROC_DEF_KEY_ = ?"
                        + " AND (r.organisation IS NULL OR p.TENANT_ID_ = r.organisation)"
                        + " JOIN ACT_HI_TASKINST t ON t.ROOT_PROC_INST_ID_ = p.PROC_INST_ID_ AND t.TASK_DEF_KEY_ IN ("
                        + String.join(", ", Collections.nCopies(chaserTasks.size(), "?")) + ")"
                        + " WHERE " + where.sql + " GROUP BY t.TASK_DEF_KEY_",
                (rs, i) -> new Chasers(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), args.toArray());
    }

    /** Constants of this class only, never input. */
    private static String quoted(List<String> constants) {
        return String.join(", ", constants.stream().map(constant -> "'" + constant + "'").toList());
    }

    /**
     * The e-RS calls of the filtered referrals: by the request time each call carries, and only
     * for a specialty or priority through the referrals themselves (the one filter that may change).
     */
    private static Where calls(ReportFilter filter) {
        StringBuilder sql = new StringBuilder("c.requested_at >= ? AND c.requested_at < ?");
        List<Object> args = new ArrayList<>(List.of(filter.start(), filter.endExclusive()));
        if (filter.specialty() != null || filter.priority() != null) {
            Where referrals = requested(filter);
            sql.append(" AND c.process_instance_id IN (SELECT r.process_instance_id FROM referral_record r WHERE ")
                    .append(referrals.sql).append(")");
            args.addAll(referrals.argList);
        }
        return new Where(sql.toString(), args);
    }

    /**
     * Newest first; {@code prefix} matches the start of the request id or UBRN (grouped or not), ignoring case; only
     * referrals of {@code organisations}.
     */
    List<ReferralRow> referrals(ReportFilter filter, OrganisationScope organisations, String prefix, int limit) {
        Where where = requested(filter).and(organisations);
        List<Object> args = new ArrayList<>(where.argList);
        String search = "";
        if (prefix != null) {
            search = " AND (LOWER(r.request_id) LIKE ? ESCAPE '\\' OR r.ubrn LIKE ? ESCAPE '\\')";
            String pattern = likeEscaped(prefix.toLowerCase(Locale.ROOT)) + "%";
            args.add(pattern);
            // A UBRN is read and typed in groups ("0000 4567 8901"); it is stored as its 12 digits.
            boolean groupedDigits = prefix.matches("[\\d\\s-]+");
            args.add(groupedDigits ? likeEscaped(Ubrn.digitsOf(prefix)) + "%" : pattern);
        }
        args.add(limit);
        return jdbc.query(REFERRAL_COLUMNS + where.sql + search + " ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
                (rs, i) -> referral(rs), args.toArray());
    }

    /** Every filtered referral, oldest first, handed over one at a time as the database sends them. */
    void eachReferral(ReportFilter filter, OrganisationScope organisations, Consumer<ReferralRow> sink) {
        Where where = requested(filter).and(organisations);
        streaming.query(REFERRAL_COLUMNS + where.sql + " ORDER BY r.created_at, r.id",
                (RowCallbackHandler) rs -> sink.accept(referral(rs)), where.args());
    }

    private static final String REFERRAL_COLUMNS = "SELECT r.request_id, r.ubrn, r.specialty, r.priority, r.status, r.outcome,"
            + " r.created_at, r.completed_at FROM referral_record r WHERE ";

    private static ReferralRow referral(ResultSet rs) throws SQLException {
        return new ReferralRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), instant(rs, 8));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Spread spread(ResultSet rs, String key, int first) throws SQLException {
        return new Spread(key, rs.getLong(first), longOrNull(rs, first + 1), longOrNull(rs, first + 2),
                longOrNull(rs, first + 3));
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        return value == null ? null : ((Number) value).longValue();
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * The organisations whose individual referrals an analyst may list: {@code visible} empty means
     * all (an admin); a referral of none recorded is {@code defaultOrganisation}'s.
     */
    record OrganisationScope(Optional<Set<String>> visible, String defaultOrganisation) {
    }

    private record Where(String sql, List<Object> argList) {
        Object[] args() {
            return argList.toArray();
        }

        Where and(OrganisationScope organisations) {
            if (organisations.visible().isEmpty()) {
                return this;
            }
            Set<String> visible = organisations.visible().get();
            if (visible.isEmpty()) {
                return new Where(sql + " AND 1 = 0", argList);
            }
            List<Object> args = new ArrayList<>(argList);
            args.add(organisations.defaultOrganisation());
            args.addAll(visible.stream().sorted().toList());
            return new Where(sql + " AND COALESCE(r.organisation, ?) IN (" + String.join(", ", Collections.nCopies(visible.size(), "?"))
                    + ")", args);
        }
    }

    private static Where requested(ReportFilter filter) {
        return where(filter, "created_at");
    }

    private static Where where(ReportFilter filter, String dayColumn) {
        StringBuilder sql = new StringBuilder("r." + dayColumn + " >= ? AND r." + dayColumn + " < ?");
        List<Object> args = new ArrayList<>(List.of(filter.start(), filter.endExclusive()));
        if (filter.specialty() != null) {
            sql.append(" AND r.specialty = ?");
            args.add(filter.specialty());
        }
        if (filter.priority() != null) {
            sql.append(" AND r.priority = ?");
            args.add(filter.priority());
        }
        return new Where(sql.toString(), args);
    }

    /** Whole milliseconds from one timestamp-with-time-zone column to another; the two databases differ here. */
    private String millisBetween(String start, String end) {
        if (millisBetween == null) {
            String product = jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName());
            millisBetween = "PostgreSQL".equalsIgnoreCase(product)
                    ? "CAST(FLOOR(EXTRACT(EPOCH FROM (%2$s - %1$s)) * 1000) AS BIGINT)"
                    // H2 compares local date-times, so both are first brought to UTC.
                    : "DATEDIFF(MILLISECOND, %1$s AT TIME ZONE 'UTC', %2$s AT TIME ZONE 'UTC')";
        }
        return String.format(Locale.ROOT, millisBetween, start, end);
    }
}
