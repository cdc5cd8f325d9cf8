package org.ersreferral.security.tokens;

import java.time.Instant;

/**
 * A signed-in user's e-RS access token, for the Authorization header of calls that act as them.
 *
 * @param value     the bearer token; never logged, stored in a variable or put in a message
 * @param expiresAt when e-RS stops accepting it (null when the authorization server did not say)
 */
public record UserToken(String value, Instant expiresAt) {

    @Override
    public String toString() {
        return "UserToken[value=***, expiresAt=" + expiresAt + "]";
    }
}
