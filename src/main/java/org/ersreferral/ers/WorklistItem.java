package org.ersreferral.ers;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One referral on a worklist (A008). Items carry no referral version: read the referral (A005)
 * before acting on it. The patient's NHS number on the item is left out on purpose.
 *
 * @param status              the referral's state; null on lists that do not show one (letters outstanding)
 * @param reason              code of why the state came about (a cancellation or rejection reason), or null
 * @param referralLastUpdated when e-RS last changed the referral, or null
 * @param letterDue           when the referral letter is due (letters outstanding), or null
 */
public record WorklistItem(String ubrn, ReferralStatus status, String reason, OffsetDateTime referralLastUpdated,
                           LocalDate letterDue) {
}
