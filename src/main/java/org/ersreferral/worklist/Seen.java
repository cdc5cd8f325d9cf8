package org.ersreferral.worklist;

import java.time.Instant;
import java.util.Set;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistType;

/**
 * One row of {@code worklist_sync_seen}: what the sync last knew of a referral.
 *
 * @param lists           the worklists it was on at the last run
 * @param toldMark        what the last message told of its items ({@link ListedReferral#mark()}); null: nothing yet
 * @param toldStatus      the state the last message told; null: none
 * @param followUpStarted the sync started its follow-up (found in e-RS)
 * @param offListsSince   when the sync found it on no list any more; null while it is on one (or for a row written
 *                        before this was kept)
 */
record Seen(String ubrn, Set<WorklistType> lists, String toldMark, ReferralStatus toldStatus, boolean followUpStarted,
            Instant offListsSince) {

    /**
     * Whether it has been on no list since before {@code cutoff}: the first condition for forgetting it
     * (the others, that nothing here follows or remembers the referral, are the engine's to answer).
     */
    boolean offListsBefore(Instant cutoff) {
        return lists.isEmpty() && offListsSince != null && offListsSince.isBefore(cutoff);
    }
}
