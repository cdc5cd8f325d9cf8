package org.ersreferral.ers;

import java.util.List;

/**
 * A031 (or A032) input: the referral's new shortlist, replacing the old one, with the search that found it.
 *
 * @param version                         the referral's current version (If-Match)
 * @param firstReminderLetterFollowUpDays days before e-RS reminds the patient to book; 0 = no reminder
 *                                        (the only value allowed when sending for triage)
 * @param commissioningProvisioning       optional criterion, e.g. {@code ALL_AVAILABLE_FOR_BOOKING}, when the
 *                                        search used one; null otherwise
 */
public record ShortlistChange(String ubrn, String version, ServiceSearch searchCriteria, List<String> shortlist,
                              boolean letterToFollow, int firstReminderLetterFollowUpDays,
                              String commissioningProvisioning) {

    public ShortlistChange(String ubrn, String version, ServiceSearch searchCriteria, List<String> shortlist,
                           boolean letterToFollow) {
        this(ubrn, version, searchCriteria, shortlist, letterToFollow, 0, null);
    }
}
