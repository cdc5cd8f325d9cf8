package org.ersreferral.security.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ersreferral.ers.ErsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The signed-in users' e-RS access tokens, for calls that act as them. A token close to its expiry
 * ({@code ers.user-tokens.refresh-before}) is first refreshed with the user's refresh token, by one node
 * only: the refresh runs with the user's row locked, and a node that waited for the lock finds the
 * token another refreshed and uses it, so a refresh token (rotated on use by some authorization
 * servers) is never spent twice. A refresh the authorization server refuses (refresh token expired or
 * revoked) deletes the user's tokens: they must sign in again.
 * <p>
 * {@code ers.sign-in.pattern}: {@code direct}, the sign-in provider's access token is the e-RS token;
 * {@code separate}, the person's CIS2 ID token is exchanged for their e-RS token ({@link ErsTokenExchange})
 * at sign-in, and again, with the ID token a CIS2 refresh brings, whenever the e-RS token is due. The
 * CIS2 tokens stay in row {@code cis2}, whose lock still lets one node at a time refresh; the e-RS token
 * is kept in row {@code ers}. ID tokens are not kept.
 */
@Component
public class UserErsTokens {

    /** The client registration users sign in with, whose tokens e-RS accepts. */
    public static final String REGISTRATION_ID = "cis2";

    private static final Logger LOG = LoggerFactory.getLogger(UserErsTokens.class);
    /** The refusals that mean this refresh token is done for, as Spring Security's own failure handler treats them. */
    private static final Set<String> REFUSED = Set.of(OAuth2ErrorCodes.INVALID_GRANT, OAuth2ErrorCodes.INVALID_TOKEN);

    static final String PATTERN_DIRECT = "direct";
    static final String PATTERN_SEPARATE = "separate";

    private final DatabaseAuthorizedClientService store;
    private final RefreshTokenOAuth2AuthorizedClientProvider refresh;
    private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint;
    /** Null in the direct pattern. */
    private final ErsTokenExchange exchange;
    private final Duration refreshBefore;
    private final Clock clock;

    @Autowired
    UserErsTokens(DatabaseAuthorizedClientService store, UserTokensProperties properties, ErsProperties ers, Clock clock,
                  @Value("${ers.sign-in.pattern:" + PATTERN_DIRECT + "}") String pattern,
                  ObjectProvider<ErsTokenExchange> exchange) {
        this(store, properties.refreshBefore(), clock, tokenEndpointClient(ers.connectTimeout(), ers.readTimeout()),
                separate(pattern) ? exchange.getObject() : null);
    }

    UserErsTokens(DatabaseAuthorizedClientService store, Duration refreshBefore, Clock clock,
                  OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint) {
        this(store, refreshBefore, clock, tokenEndpoint, null);
    }

    UserErsTokens(DatabaseAuthorizedClientService store, Duration refreshBefore, Clock clock,
                  OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint, ErsTokenExchange exchange) {
        this.store = store;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
        this.tokenEndpoint = tokenEndpoint;
        this.exchange = exchange;
        this.refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
        this.refresh.setAccessTokenResponseClient(tokenEndpoint);
        this.refresh.setClock(clock);
        this.refresh.setClockSkew(refreshBefore);
    }

    /** {@code ers.sign-in.pattern}: true for {@code separate}, false for {@code direct} or unset; else start-up fails. */
    static boolean separate(String pattern) {
        String value = pattern == null || pattern.isBlank() ? PATTERN_DIRECT : pattern.trim();
        return switch (value) {
            case PATTERN_DIRECT -> false;
            case PATTERN_SEPARATE -> true;
            default -> throw new IllegalStateException("ers.sign-in.pattern must be '" + PATTERN_DIRECT + "' or '"
                    + PATTERN_SEPARATE + "', not '" + pattern.trim() + "'");
        };
    }

    /**
     * The user's access token, refreshed first when it expires within {@code refresh-before}; empty
     * when the user has no usable tokens (never signed in, signed out, refresh refused).
     *
     * @param userId the signed-in user's name (their principal name at sign-in, the engine's user id)
     * @throws RefreshUnavailable when the token is expired and the authorization server could not be
     *                            asked for a new one (unreachable, an error other than a refusal): try later
     */
    public Optional<UserToken> current(String userId) {
        if (exchange != null) {
            return exchanged(userId);
        }
        OAuth2AuthorizedClient stored = store.loadAuthorizedClient(REGISTRATION_ID, userId);
        if (stored == null) {
            return Optional.empty();
        }
        if (!dueForRefresh(stored.getAccessToken())) {
            return Optional.of(token(stored));
        }
        return store.underLock(userId, REGISTRATION_ID, locked -> locked == null ? Optional.empty() : refreshed(userId, locked));
    }

    /** Deletes the user's tokens (sign-out). */
    public void signOut(String userId) {
        store.removeAll(userId);
    }

    private Optional<UserToken> refreshed(String userId, DatabaseAuthorizedClientService.Locked locked) {
        OAuth2AuthorizedClient client = locked.client();
        if (client == null) {
            return Optional.empty();
        }
        if (!dueForRefresh(client.getAccessToken())) {
            // refreshed by another node while this one waited for the lock
            return Optional.of(token(client));
        }
        OAuth2RefreshToken refreshToken = client.getRefreshToken();
        if (refreshToken == null || (refreshToken.getExpiresAt() != null && !clock.instant().isBefore(refreshToken.getExpiresAt()))) {
            return stillValid(client) ? Optional.of(token(client)) : deleted(userId, locked, "no refresh token left");
        }
        OAuth2AuthorizedClient renewed;
        try {
            renewed = refresh.authorize(OAuth2AuthorizationContext.withAuthorizedClient(client)
                    .principal(UsernamePasswordAuthenticationToken.unauthenticated(userId, null)).build());
        } catch (OAuth2AuthorizationException failed) {
            String code = failed.getError().getErrorCode();
            if (REFUSED.contains(code)) {
                return deleted(userId, locked, "the authorization server refused the refresh (" + code + ")");
            }
            if (stillValid(client)) {
                LOG.warn("Could not refresh the e-RS token of user {} ({}); its current token is used until it expires",
                        userId, code);
                return Optional.of(token(client));
            }
            throw new RefreshUnavailable(userId, code, failed);
        }
        if (renewed == null) {
            return Optional.of(token(client));
        }
        locked.replace(renewed);
        return Optional.of(token(renewed));
    }

    /**
     * The separate pattern at sign-in: the ID token the person just signed in with is exchanged for
     * their e-RS token. A failure leaves them signed in without one; their first e-RS call refreshes
     * CIS2 and exchanges then.
     */
    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        if (exchange == null || !(event.getAuthentication() instanceof OAuth2AuthenticationToken signIn)
                || !REGISTRATION_ID.equals(signIn.getAuthorizedClientRegistrationId())
                || !(signIn.getPrincipal() instanceof OidcUser person)) {
            return;
        }
        String userId = signIn.getName();
        try {
            store.underLock(userId, REGISTRATION_ID, locked -> {
                store.saveAuthorizedClient(exchange.exchange(userId, person.getIdToken().getTokenValue()), signIn);
                return null;
            });
        } catch (RuntimeException failed) { // never a failed sign-in for it
            store.removeAuthorizedClient(ErsTokenExchange.REGISTRATION_ID, userId);
            LOG.warn("Could not exchange the CIS2 ID token of user {} for their e-RS token at sign-in ({}); tried again at"
                    + " their first e-RS call", userId, failed instanceof OAuth2AuthorizationException refused
                    ? refused.getError().getErrorCode() : failed.getClass().getSimpleName());
        }
    }

    /** The separate pattern: the stored e-RS token, or, when it is due, one exchanged for the ID token of a CIS2 refresh. */
    private Optional<UserToken> exchanged(String userId) {
        OAuth2AuthorizedClient ers = store.loadAuthorizedClient(ErsTokenExchange.REGISTRATION_ID, userId);
        if (ers != null && !dueForRefresh(ers.getAccessToken())) {
            return Optional.of(token(ers));
        }
        // The CIS2 row's lock: one node at a time spends the refresh token; its outcome is acted on after the commit.
        Exchanged outcome = store.underLock(userId, REGISTRATION_ID, locked -> locked == null ? Exchanged.NONE
                : exchangedUnderLock(userId, locked));
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.token();
    }

    private Exchanged exchangedUnderLock(String userId, DatabaseAuthorizedClientService.Locked locked) {
        OAuth2AuthorizedClient ers = store.loadAuthorizedClient(ErsTokenExchange.REGISTRATION_ID, userId);
        if (ers != null && !dueForRefresh(ers.getAccessToken())) {
            // exchanged by another node while this one waited for the lock
            return Exchanged.of(token(ers));
        }
        OAuth2AuthorizedClient cis2 = locked.client();
        if (cis2 == null) {
            return Exchanged.NONE;
        }
        OAuth2RefreshToken refreshToken = cis2.getRefreshToken();
        if (refreshToken == null || (refreshToken.getExpiresAt() != null && !clock.instant().isBefore(refreshToken.getExpiresAt()))) {
            return ers != null && stillValid(ers) ? Exchanged.of(token(ers))
                    : Exchanged.of(deletedBoth(userId, locked, "no CIS2 refresh token left"));
        }
        // A CIS2 refresh brings a new ID token: Spring's refresh client, asked directly, as the CIS2 access token may not be due.
        OAuth2AccessTokenResponse renewed;
        try {
            renewed = tokenEndpoint.getTokenResponse(new OAuth2RefreshTokenGrantRequest(cis2.getClientRegistration(),
                    cis2.getAccessToken(), refreshToken));
        } catch (OAuth2AuthorizationException failed) {
            String code = failed.getError().getErrorCode();
            if (REFUSED.contains(code)) {
                return Exchanged.of(deletedBoth(userId, locked, "CIS2 refused the refresh (" + code + ")"));
            }
            return usableOrFailure(userId, ers, code, failed);
        }
        // the refresh token may be rotated: keep what CIS2 gave before anything else can fail
        locked.replace(new OAuth2AuthorizedClient(cis2.getClientRegistration(), userId, renewed.getAccessToken(),
                renewed.getRefreshToken() == null ? refreshToken : renewed.getRefreshToken()));
        Object idToken = renewed.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
        if (!(idToken instanceof String value) || value.isBlank()) {
            return Exchanged.of(deletedBoth(userId, locked, "the CIS2 refresh brought no ID token to exchange"));
        }
        OAuth2AuthorizedClient exchangedClient;
        try {
            exchangedClient = exchange.exchange(userId, value);
        } catch (OAuth2AuthorizationException failed) {
            String code = failed.getError().getErrorCode();
            if (REFUSED.contains(code)) {
                return Exchanged.of(deletedBoth(userId, locked, "the token exchange refused the ID token (" + code + ")"));
            }
            return usableOrFailure(userId, ers, code, failed);
        }
        store.saveAuthorizedClient(exchangedClient, UsernamePasswordAuthenticationToken.unauthenticated(userId, null));
        return Exchanged.of(token(exchangedClient));
    }

    private Exchanged usableOrFailure(String userId, OAuth2AuthorizedClient ers, String code, RuntimeException failed) {
        if (ers != null && stillValid(ers)) {
            LOG.warn("Could not renew the e-RS token of user {} ({}); its current token is used until it expires", userId, code);
            return Exchanged.of(token(ers));
        }
        return new Exchanged(Optional.empty(), new RefreshUnavailable(userId, code, failed));
    }

    private Optional<UserToken> deletedBoth(String userId, DatabaseAuthorizedClientService.Locked locked, String why) {
        store.removeAuthorizedClient(ErsTokenExchange.REGISTRATION_ID, userId);
        return deleted(userId, locked, why);
    }

    /** What the locked work of the separate pattern came to: a token (or none), or a failure to throw once it committed. */
    private record Exchanged(Optional<UserToken> token, RuntimeException failure) {
        static final Exchanged NONE = new Exchanged(Optional.empty(), null);

        static Exchanged of(Optional<UserToken> token) {
            return new Exchanged(token, null);
        }

        static Exchanged of(UserToken token) {
            return new Exchanged(Optional.of(token), null);
        }
    }

    private Optional<UserToken> deleted(String userId, DatabaseAuthorizedClientService.Locked locked, String why) {
        locked.delete();
        LOG.info("Deleted the e-RS tokens of user {}: {}; they sign in again", userId, why);
        return Optional.empty();
    }

    /** As the refresh provider decides: within {@code refresh-before} of expiry, or no expiry known. */
    private boolean dueForRefresh(OAuth2AccessToken token) {
        Instant expiresAt = token.getExpiresAt();
        return expiresAt == null || clock.instant().isAfter(expiresAt.minus(refreshBefore));
    }

    private boolean stillValid(OAuth2AuthorizedClient client) {
        Instant expiresAt = client.getAccessToken().getExpiresAt();
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    private static UserToken token(OAuth2AuthorizedClient client) {
        return new UserToken(client.getAccessToken().getTokenValue(), client.getAccessToken().getExpiresAt());
    }

    /** Spring Security's refresh client with the e-RS client's time-outs, so a lock is never held for long. */
    static OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpointClient(Duration connectTimeout,
                                                                                             Duration readTimeout) {
        RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
        client.setRestClient(tokenEndpointRestClient(connectTimeout, readTimeout));
        return client;
    }

    /** The RestClient Spring Security's token clients use, with time-outs and its OAuth2 error handling. */
    static RestClient tokenEndpointRestClient(Duration connectTimeout, Duration readTimeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(connectTimeout);
        requests.setReadTimeout(readTimeout);
        RestClient restClient = RestClient.builder()
                .requestFactory(requests)
                .messageConverters(converters -> {
                    converters.clear();
                    converters.addAll(List.of(new FormHttpMessageConverter(), new OAuth2AccessTokenResponseHttpMessageConverter()));
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
        return restClient;
    }

    /** The authorization server could not be asked for a new token; the message names no token. */
    public static final class RefreshUnavailable extends RuntimeException {
        RefreshUnavailable(String userId, String errorCode, Throwable cause) {
            super("The e-RS access token of user " + userId + " has expired and could not be refreshed (" + errorCode
                    + "); try again later", cause);
        }
    }
}
