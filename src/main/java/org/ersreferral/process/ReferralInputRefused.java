package org.ersreferral.process;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input refused by one of the referral's own checks (start, task completion, duplicate request):
 * its message is written for the person who gave the input, so the APIs pass it on as it is, with
 * 400, and never as an engine error.
 */
public class ReferralInputRefused extends BadUserRequestException {

    public ReferralInputRefused(String message) {
        super(message);
    }

    public ReferralInputRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
