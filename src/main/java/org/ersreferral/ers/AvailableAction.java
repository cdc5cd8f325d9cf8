package org.ersreferral.ers;

import java.util.Optional;

/** What e-RS lets the current user do now with one referral version (A029, eRS-AvailableActionsForUser-1). */
public enum AvailableAction {
    CREATE_APPOINTMENT,
    CHANGE_SHORTLIST,
    CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE,
    CANCEL_REFERRAL,
    CANCEL_DIRECTLY_BOOKED_APPOINTMENT,
    /** A provider's action; a referrer is not offered it. */
    RECORD_REVIEW_OUTCOME;

    /** The action of a code; empty for one this application does not know (it cannot take it anyway). */
    public static Optional<AvailableAction> fromCode(String code) {
        for (AvailableAction action : values()) {
            if (action.name().equals(code)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
