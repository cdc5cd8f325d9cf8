package org.ersreferral.ers;

/** A011/A021 result: the 12-digit UBRN and the referral's version. */
public record ReferralCreated(String ubrn, String version) {
}
