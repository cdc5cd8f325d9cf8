package org.ersreferral.history;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The referral export's lines, RFC 4180: CRLF line ends, fields with a comma, quote or line break
 * quoted. No patient identifiers. A request id is the caller's text, so a cell that a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe (OWASP CSV injection).
 */
final class ReferralCsv {

    static final String HEADER = "request_id,ubrn,specialty,priority,status,outcome,requested_at,completed_at,"
            + "request_to_outcome_seconds\r\n";

    private ReferralCsv() {
    }

    static String line(AnalyticsQueries.ReferralRow row) {
        String seconds = row.completedAt() == null ? null
                : String.valueOf(Duration.between(row.requestedAt(), row.completedAt()).toSeconds());
        return Stream.of(row.requestId(), row.ubrn(), row.specialty(), row.priority(), row.status(), row.outcome(),
                        text(row.requestedAt()), text(row.completedAt()), seconds)
                .map(ReferralCsv::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
