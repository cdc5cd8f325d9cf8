package org.ersreferral.ers;

import java.util.Optional;

/**
 * The people e-RS calls act as in {@code cis2} mode: each one's current user-restricted access
 * token (from their NHS CIS2 sign-in, refreshed when due) and the e-RS role they chose. Kept by
 * the sign-in; the client only asks.
 */
public interface ErsPeople {

    /**
     * The person's usable access token; empty when they have none (never signed in, signed out,
     * refresh refused).
     *
     * @throws ErsException.Unavailable when a due refresh could not be asked for now: try later
     */
    Optional<String> accessToken(String userId);

    /** The role the person chose to act in; empty until they choose. */
    Optional<ErsRole> chosenRole(String userId);

    /** e-RS refused the person's token (401): forget it, so the next call asks them to sign in again. */
    void tokenRefused(String userId);
}
