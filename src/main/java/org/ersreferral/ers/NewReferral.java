package org.ersreferral.ers;

import java.time.Instant;
import java.util.List;

/**
 * A011/A021 input: patient, the search that found the shortlist, the chosen service ids.
 *
 * @param pathwayStart                    when the patient's referral-to-treatment pathway started; null lets
 *                                        e-RS use the referral's creation time
 * @param firstReminderLetterFollowUpDays days before e-RS reminds the patient to book; 0 = no reminder
 *                                        (the only value allowed when sending for triage)
 */
public record NewReferral(String nhsNumber, ServiceSearch searchCriteria, List<String> shortlist, boolean letterToFollow,
                          Instant pathwayStart, int firstReminderLetterFollowUpDays) {

    public NewReferral(String nhsNumber, ServiceSearch searchCriteria, List<String> shortlist, boolean letterToFollow) {
        this(nhsNumber, searchCriteria, shortlist, letterToFollow, null, 0);
    }
}
