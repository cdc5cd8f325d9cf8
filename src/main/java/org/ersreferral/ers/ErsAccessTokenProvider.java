package org.ersreferral.ers;

/**
 * Supplies the bearer token for each e-RS call. Only the static mode exists today; a signed-JWT or
 * CIS2 provider can replace the bean without touching the client.
 */
public interface ErsAccessTokenProvider {

    /** The access token to send as {@code Authorization: Bearer <token>}. */
    String accessToken();

    /** {@code ers.auth.mode=static}: one configured token, e.g. for the simulator or the sandbox. */
    static ErsAccessTokenProvider staticToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("ers.auth.token is required in static mode");
        }
        return () -> token;
    }
}
