package org.ersreferral.ers;

/** A005 result: e-RS referral state code (e.g. NOT_BOOKED, BOOKED, BOOKING_DEFERRED, ...), version and what it points at. */
public record ReferralState(String ubrn, String version, String status, java.util.List<String> shortlist, String appointmentServiceId) {
}
