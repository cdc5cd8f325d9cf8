package org.ersreferral.worklist;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Set;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistType;

/**
 * One referral as this run's worklists show it, its items on every list merged (a referral may be
 * awaiting booking and waiting for its letter at once).
 *
 * @param lists       the lists it is on now; empty: it left them all since the last run
 * @param lastUpdated the latest {@code referralLastUpdated} of its items, or null (letters outstanding carry none)
 * @param status      the state its items show, or null
 * @param reason      the reason code its items show, or null
 * @param letterDue   when its letter is due, when it is on the letters-outstanding list
 */
record ListedReferral(String ubrn, Set<WorklistType> lists, OffsetDateTime lastUpdated, ReferralStatus status, String reason,
                      LocalDate letterDue) {

    /** What a message tells of the items: a change of either is a change to tell. Instants compare whatever the offset. */
    String mark() {
        return (lastUpdated == null ? "" : lastUpdated.toInstant().toString()) + "|" + (letterDue == null ? "" : letterDue);
    }

    /** Whether its letter is outstanding with a due date no message told yet. */
    boolean letterNews(String toldMark) {
        return lists.contains(WorklistType.LETTERS_OUTSTANDING) && letterDue != null
                && (toldMark == null || !toldMark.endsWith("|" + letterDue));
    }

    /**
     * The list a message names: the list of its state when the state is what changed, the letters
     * list when only its letter became due (the follow-up then asks for the letter); null when it
     * left the lists.
     *
     * @param known    the state the follow-up knows (last told, or the one it started with)
     * @param toldMark what the last message told of the items, or null
     */
    WorklistType worklist(ReferralStatus now, ReferralStatus known, String toldMark) {
        WorklistType stateList = lists.stream().filter(list -> list != WorklistType.LETTERS_OUTSTANDING).sorted().findFirst()
                .orElse(null);
        boolean onLetters = lists.contains(WorklistType.LETTERS_OUTSTANDING);
        boolean letterNews = letterNews(toldMark);
        boolean stateNews = !Objects.equals(known, now);
        if (stateList == null || letterNews && !stateNews) {
            return onLetters ? WorklistType.LETTERS_OUTSTANDING : stateList;
        }
        return stateList;
    }
}
