package org.ersreferral.referral;

import org.camunda.bpm.engine.BadUserRequestException;

/** A referral with this request id exists already: the start is refused (REST answers 400). */
public class DuplicateReferralException extends BadUserRequestException {

    public DuplicateReferralException(String requestId, Throwable cause) {
        super("A referral with request id '" + requestId + "' exists already; nothing was started", cause);
    }
}
