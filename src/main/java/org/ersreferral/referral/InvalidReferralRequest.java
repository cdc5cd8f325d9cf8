package org.ersreferral.referral;

import java.util.List;

/** The start request is not acceptable; each problem is a sentence for the caller. */
public class InvalidReferralRequest extends RuntimeException {

    private final List<String> problems;

    public InvalidReferralRequest(List<String> problems) {
        this("Referral not started: ", problems);
    }

    InvalidReferralRequest(String prefix, List<String> problems) {
        super(prefix + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
