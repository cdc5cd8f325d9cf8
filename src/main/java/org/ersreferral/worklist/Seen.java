package org.ersreferral.worklist;

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
 */
record Seen(String ubrn, Set<WorklistType> lists, String toldMark, ReferralStatus toldStatus, boolean followUpStarted) {
}
