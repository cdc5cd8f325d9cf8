package org.ersreferral.worklist;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
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
    private final Clock clock;

    SeenReferrals(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Map<String, Seen> of(String organisation) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        jdbc.query("select ubrn, lists, told_mark, told_status, follow_up_started, off_lists_since from worklist_sync_seen"
                        + " where organisation = ?",
                row -> {
                    String ubrn = row.getString(1);
                    String status = row.getString(4);
                    Timestamp offLists = row.getTimestamp(6);
                    seen.put(ubrn, new Seen(ubrn, lists(row.getString(2)), row.getString(3),
                            status == null ? null : ReferralStatus.fromCode(status), row.getBoolean(5),
                            offLists == null ? null : offLists.toInstant()));
                }, organisation);
        return seen;
    }

    /** The referral is on these lists now; what was told stays. */
    void listed(String organisation, String ubrn, Set<WorklistType> lists) {
        Timestamp offLists = offListsSince(lists);
        if (jdbc.update("update worklist_sync_seen set lists = ?, off_lists_since = ? where organisation = ? and ubrn = ?",
                names(lists), offLists, organisation, ubrn) == 0) {
            jdbc.update("insert into worklist_sync_seen (organisation, ubrn, lists, told_mark, told_status, follow_up_started,"
                    + " off_lists_since) values (?, ?, ?, null, null, false, ?)", organisation, ubrn, names(lists), offLists);
        }
    }

    /** A change was told (or there was nobody to tell): the referral is seen as it is now. */
    void told(String organisation, String ubrn, Set<WorklistType> lists, String mark, ReferralStatus status, boolean followUpStarted) {
        String statusName = status == null ? null : status.name();
        Timestamp offLists = offListsSince(lists);
        if (jdbc.update("update worklist_sync_seen set lists = ?, told_mark = ?, told_status = ?,"
                + " follow_up_started = (follow_up_started or ?), off_lists_since = ? where organisation = ? and ubrn = ?",
                names(lists), mark, statusName, followUpStarted, offLists, organisation, ubrn) == 0) {
            jdbc.update("insert into worklist_sync_seen (organisation, ubrn, lists, told_mark, told_status, follow_up_started,"
                    + " off_lists_since) values (?, ?, ?, ?, ?, ?, ?)", organisation, ubrn, names(lists), mark, statusName,
                    followUpStarted, offLists);
        }
    }

    /**
     * Rows on no list that do not say since when (written before that was kept) count from now, so they too go a
     * time to live from now rather than never.
     */
    void dateOffLists(String organisation) {
        jdbc.update("update worklist_sync_seen set off_lists_since = ? where organisation = ? and lists = ''"
                + " and off_lists_since is null", Timestamp.from(clock.instant()), organisation);
    }

    /**
     * Forgets the referral, if it is still on no list since before {@code cutoff} (the condition is checked again in
     * the delete, so a row listed again meanwhile stays).
     */
    boolean forget(String organisation, String ubrn, Instant cutoff) {
        return jdbc.update("delete from worklist_sync_seen where organisation = ? and ubrn = ? and lists = ''"
                + " and off_lists_since < ?", organisation, ubrn, Timestamp.from(cutoff)) == 1;
    }

    /** Now, when it is on no list; null while it is on one. */
    private Timestamp offListsSince(Set<WorklistType> lists) {
        return lists.isEmpty() ? Timestamp.from(clock.instant()) : null;
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
