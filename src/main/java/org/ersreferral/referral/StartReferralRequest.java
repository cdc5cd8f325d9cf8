package org.ersreferral.referral;

/** Body of {@code POST /api/referrals}: the caller's request id and the referral's start variables. */
public record StartReferralRequest(String requestId, String nhsNumber, String priority, String specialty, String clinicType,
                                   String clinicalTerm, String namedClinician, String postcode) {
}
