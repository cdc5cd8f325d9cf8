package org.ersreferral.ers;

/**
 * Supplies the bearer token for each e-RS call ({@code static} and {@code signed-jwt} modes); define
 * another bean (e.g. CIS2) to replace the configured one without touching the client.
 */
public interface ErsAccessTokenProvider {

    /** The access token to send as {@code Authorization: Bearer <token>}. */
    String accessToken();

    /** e-RS refused the token (401): forget a cached one. Nothing to forget by default. */
    default void invalidate() {
    }

    /** {@code ers.auth.mode=static}: one configured token, e.g. for the simulator or the sandbox. */
    static ErsAccessTokenProvider staticToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("ers.auth.token (ERS_ACCESS_TOKEN) is required in static mode"
                    + " unless ers.base-url is the simulator embedded in this application");
        }
        return () -> token;
    }
}
