package org.ersreferral.referral;

import java.time.Instant;
import java.util.List;

/** What {@code GET /api/referrals/{requestId}} answers: where the referral stands. No patient identifiers. */
public record ReferralView(String requestId, String processInstanceId, String status, String ubrn,
                           List<String> currentSteps, String outcome, String specialty, String priority,
                           Instant createdAt, Instant completedAt, String patientLetter,
                           String organisation) {
}
