package org.ersreferral.ers;

import java.util.List;

/**
 * A005 result: e-RS referral state code (e.g. NOT_BOOKED, BOOKED, DEFERRED_TO_PROVIDER, ...), version and what it points at.
 *
 * @param appointmentId the referral's current appointment (A038, A034), or null when it has none
 */
public record ReferralState(String ubrn, String version, String status, List<String> shortlist, String appointmentServiceId,
                            String appointmentId) {

    public ReferralState(String ubrn, String version, String status, List<String> shortlist, String appointmentServiceId) {
        this(ubrn, version, status, shortlist, appointmentServiceId, null);
    }

    /** The state as a value, either spelling of e-RS's code. */
    public ReferralStatus referralStatus() {
        return ReferralStatus.fromCode(status);
    }
}
