package org.ersreferral.ers;

import java.util.Map;
import java.util.Optional;

/**
 * How e-RS calls prove who they are: the headers for one call ({@code Authorization: Bearer} or the
 * archived professional session's headers, never both), and what to forget when e-RS answers 401.
 */
public interface ErsAuthentication {

    String AUTHORIZATION = "Authorization";
    String SESSION_KEY = "HTTP_X_SESSION_KEY";
    String ASID = "XAPI_ASID";

    /** The authentication headers for this call; may call e-RS first (token endpoint, A001/A002). */
    Map<String, String> headers(ErsCall call);

    /**
     * The headers for this operation of this call: authentication, and the role headers
     * ({@code NHSD-eRS-Business-Function}, {@code NHSD-End-User-Organisation-ODS}) when they depend on
     * who the call acts as; the configured role is sent where none is returned.
     */
    default Map<String, String> headers(ErsOperation operation, ErsCall call) {
        return headers(call);
    }

    /** Whether this call acts as a person, whose own role (or none yet) it carries instead of the configured one. */
    default boolean actsAsPerson(ErsCall call) {
        return false;
    }

    /** The role this call acts in when it is the person's own choice; empty: the configured role. */
    default Optional<ErsRole> actingRole(ErsCall call) {
        return Optional.empty();
    }

    /** e-RS answered 401: drop the cached token or session so the next attempt gets a fresh one. */
    default void unauthorised(ErsCall call) {
    }

    /** The referral (process instance) ended by any exit: release what it held. */
    default void referralEnded(String processInstanceId) {
        referralEnding(processInstanceId).run();
    }

    /**
     * The referral is ending in a transaction not yet committed: look up now what it holds, and
     * return what releases it, to run once the end is committed.
     */
    default Runnable referralEnding(String processInstanceId) {
        return () -> { };
    }

    /** Bearer modes ({@code static}, {@code signed-jwt}). */
    static ErsAuthentication bearer(ErsAccessTokenProvider tokens) {
        return new ErsAuthentication() {
            @Override
            public Map<String, String> headers(ErsCall call) {
                return Map.of(AUTHORIZATION, "Bearer " + tokens.accessToken());
            }

            @Override
            public void unauthorised(ErsCall call) {
                tokens.invalidate();
            }
        };
    }
}
