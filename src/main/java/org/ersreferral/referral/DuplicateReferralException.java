package org.ersreferral.referral;

import org.ersreferral.process.ReferralInputRefused;

/** A referral with this request id exists already: the start is refused (REST answers 400). */
public class DuplicateReferralException extends ReferralInputRefused {

    public DuplicateReferralException(String requestId, Throwable cause) {
        super("A referral with request id '" + requestId + "' exists already; nothing was started", cause);
    }
}
