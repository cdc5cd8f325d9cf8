package org.ersreferral.worklist;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistItem;
import org.ersreferral.ers.WorklistType;

/**
 * What changed between the last run and this one's worklists, worked out without e-RS or the engine:
 * a referral is read again (A005) only when its items changed ({@code referralLastUpdated}, the letter's
 * due date) since the last message told them, or when it left every list since the last run.
 */
final class WorklistDiff {

    /**
     * @param listed   the referrals on the lists now, each once
     * @param changed  those to read again and tell: new, or their items changed since the last message
     * @param left     those on a list at the last run and on none now (booked, for example): read again
     *                 and told if their state changed
     */
    record Result(List<ListedReferral> listed, List<ListedReferral> changed, List<ListedReferral> left) {
    }

    private WorklistDiff() {
    }

    static Result of(Map<WorklistType, List<WorklistItem>> lists, Map<String, Seen> seen) {
        Map<String, Merged> byUbrn = new LinkedHashMap<>();
        for (WorklistType type : WorklistType.values()) {
            for (WorklistItem item : lists.getOrDefault(type, List.of())) {
                if (item.ubrn() != null && !item.ubrn().isBlank()) {
                    byUbrn.computeIfAbsent(item.ubrn(), Merged::new).add(type, item);
                }
            }
        }
        List<ListedReferral> listed = byUbrn.values().stream().map(Merged::referral).toList();
        List<ListedReferral> changed = new ArrayList<>();
        for (ListedReferral referral : listed) {
            Seen before = seen.get(referral.ubrn());
            if (before == null || !Objects.equals(before.toldMark(), referral.mark())) {
                changed.add(referral);
            }
        }
        List<ListedReferral> left = new ArrayList<>();
        for (Seen before : seen.values()) {
            if (!before.lists().isEmpty() && !byUbrn.containsKey(before.ubrn())) {
                left.add(new ListedReferral(before.ubrn(), EnumSet.noneOf(WorklistType.class), null, null, null, null));
            }
        }
        return new Result(listed, List.copyOf(changed), List.copyOf(left));
    }

    private static final class Merged {
        private final String ubrn;
        private final EnumSet<WorklistType> lists = EnumSet.noneOf(WorklistType.class);
        private OffsetDateTime lastUpdated;
        private ReferralStatus status;
        private String reason;
        private LocalDate letterDue;

        Merged(String ubrn) {
            this.ubrn = ubrn;
        }

        void add(WorklistType type, WorklistItem item) {
            lists.add(type);
            if (item.referralLastUpdated() != null
                    && (lastUpdated == null || item.referralLastUpdated().toInstant().isAfter(lastUpdated.toInstant()))) {
                lastUpdated = item.referralLastUpdated();
            }
            if (status == null && item.status() != null) {
                status = item.status();
                reason = item.reason();
            }
            if (item.letterDue() != null) {
                letterDue = item.letterDue();
            }
        }

        ListedReferral referral() {
            return new ListedReferral(ubrn, EnumSet.copyOf(lists), lastUpdated, status, reason, letterDue);
        }
    }
}
