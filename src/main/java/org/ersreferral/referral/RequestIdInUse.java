package org.ersreferral.referral;

/**
 * The request id belongs to another organisation's referral. Request ids are unique across
 * organisations (they are the instances' business keys), so the start is refused (409) without
 * saying whose referral it is or where it stands.
 */
public class RequestIdInUse extends RuntimeException {

    RequestIdInUse() {
        super("requestId is already in use: choose another; nothing was started");
    }
}
