package org.ersreferral.referral;

/**
 * Body of {@code POST /api/referrals/{requestId}/cancel} (optional): an e-RS REFERRAL-CANCELLATION-REASON
 * code and a comment of at most 1000 characters.
 */
record CancelReferralRequest(String reason, String comment) {
}
