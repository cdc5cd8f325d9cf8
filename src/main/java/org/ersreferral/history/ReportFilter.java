package org.ersreferral.history;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ersreferral.process.Priority;

/**
 * The referrals an analyst report is about: requested (UTC day) from {@code from} to {@code to}
 * inclusive, optionally of one specialty and priority.
 */
record ReportFilter(LocalDate from, LocalDate to, String specialty, String priority) {

    static final int DEFAULT_DAYS = 30;
    /** A report over years would be a data export, not a dashboard; the CSV is bounded the same way. */
    static final int MAX_DAYS = 3660;

    static ReportFilter parse(String from, String to, String specialty, String priority, Clock clock) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (start.isAfter(end)) {
            throw new BadReportRequest("'from' (" + start + ") is after 'to' (" + end + ")");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new BadReportRequest("The range from " + start + " to " + end + " is longer than " + MAX_DAYS + " days");
        }
        String chosenSpecialty = specialty == null || specialty.isBlank() ? null : specialty.trim();
        if (chosenSpecialty != null && !chosenSpecialty.matches("[A-Za-z0-9_]{1,60}")) {
            throw new BadReportRequest("specialty must be an e-RS specialty code such as CARDIOLOGY");
        }
        String chosenPriority = priority == null || priority.isBlank() ? null : priority.trim();
        if (chosenPriority != null && !Priority.isKnown(chosenPriority)) {
            throw new BadReportRequest("priority must be one of " + Priority.allowed());
        }
        return new ReportFilter(start, end, chosenSpecialty, chosenPriority);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadReportRequest("'" + name + "' must be a date written yyyy-MM-dd, e.g. 2026-11-24");
        }
    }

    /** Start of the first day, UTC. */
    OffsetDateTime start() {
        return from.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** Start of the day after the last, UTC. */
    OffsetDateTime endExclusive() {
        return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** What every report answers with first, so a reader knows what it covers. */
    Map<String, Object> echo() {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("from", from.toString());
        echo.put("to", to.toString());
        echo.put("specialty", specialty);
        echo.put("priority", priority);
        return echo;
    }
}
