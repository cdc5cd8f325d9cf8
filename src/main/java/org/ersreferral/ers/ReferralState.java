package org.ersreferral.ers;

import java.util.List;

/** A005 result: e-RS referral state code (e.g. NOT_BOOKED, BOOKED, BOOKING_DEFERRED, ...), version and what it points at. */
public record ReferralState(String ubrn, String version, String status, List<String> shortlist, String appointmentServiceId) {
}
