package org.ersreferral.security;

/**
 * Demo mode's shortcut to e-RS for the demo users who sign in with a password (HTTP basic
 * authentication) and so never pass through NHS CIS2 in a browser: they get the e-RS sign-in and
 * role a browser sign-in would give them. The bean exists only while the embedded simulator is the
 * e-RS the application calls, so no token can be made this way for a real e-RS.
 */
public interface DemoErsSignIn {

    /**
     * Makes sure the demo user {@code userId}, just authenticated with their password, has a usable
     * e-RS token and a chosen role. Does nothing for anyone else, or when they already have both;
     * never fails the request that called it.
     */
    void signedInWithPassword(String userId);
}
