package org.ersreferral.process.delegate;

import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.process.ReferralVariables;

/** The A011/A021 request the referral's variables describe, and what a created referral leaves in them. */
final class NewReferrals {

    private NewReferrals() {
    }

    /** The patient, the search that found the services and the chosen shortlist, with the letter to follow. */
    static NewReferral of(ReferralVariables variables) {
        return new NewReferral(variables.nhsNumber(), variables.serviceSearch(), variables.get(ReferralVariables.SHORTLIST),
                true);
    }

    static void record(ReferralVariables variables, ReferralCreated created) {
        variables.set(ReferralVariables.UBRN, created.ubrn());
        variables.set(ReferralVariables.REFERRAL_VERSION, created.version());
    }
}
