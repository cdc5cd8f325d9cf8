package org.ersreferral.worklist;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistType;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code worklist_sync_seen} rows of an organisation: read once per run, written per referral. */
class SeenReferrals {

    private final JdbcTemplate jdbc;

    SeenReferrals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Seen> of(String organisation) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        jdbc.query("select ubrn, lists, told_mark, told_status, follow_up_started from worklist_sync_seen where organisation = ?",
                row -> {
                    String ubrn = row.getString(1);
                    String status = row.getString(4);
                    seen.put(ubrn, new Seen(ubrn, lists(row.getString(2)), row.getString(3),
                            status == null ? null : ReferralStatus.fromCode(status), row.getBoolean(5)));
                }, organisation);
        return seen;
    }

    /** The referral is on these lists now; what was told stays. */
    void listed(String organisation, String ubrn, Set<WorklistType> lists) {
        if (jdbc.update("update worklist_sync_seen set lists = ? where organisation = ? and ubrn = ?", names(lists), organisation,
                ubrn) == 0) {
            jdbc.update("insert into worklist_sync_seen (organisation, ubrn, lists, told_mark, told_status, follow_up_started)"
                    + " values (?, ?, ?, null, null, false)", organisation, ubrn, names(lists));
        }
    }

    /** A change was told (or there was nobody to tell): the referral is seen as it is now. */
    void told(String organisation, String ubrn, Set<WorklistType> lists, String mark, ReferralStatus status, boolean followUpStarted) {
        String statusName = status == null ? null : status.name();
        if (jdbc.update("update worklist_sync_seen set lists = ?, told_mark = ?, told_status = ?,"
                + " follow_up_started = (follow_up_started or ?) where organisation = ? and ubrn = ?",
                names(lists), mark, statusName, followUpStarted, organisation, ubrn) == 0) {
            jdbc.update("insert into worklist_sync_seen (organisation, ubrn, lists, told_mark, told_status, follow_up_started)"
                    + " values (?, ?, ?, ?, ?, ?)", organisation, ubrn, names(lists), mark, statusName, followUpStarted);
        }
    }

    static String names(Set<WorklistType> lists) {
        return lists.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    static Set<WorklistType> lists(String names) {
        Set<WorklistType> lists = EnumSet.noneOf(WorklistType.class);
        if (names != null && !names.isBlank()) {
            for (String name : names.split(",")) {
                try {
                    lists.add(WorklistType.valueOf(name.trim()));
                } catch (IllegalArgumentException renamed) {
                    // a list this version no longer reads
                }
            }
        }
        return lists;
    }
}
