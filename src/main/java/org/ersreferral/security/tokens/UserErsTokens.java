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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
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
 */
@Component
public class UserErsTokens {

    /** The client registration users sign in with, whose tokens e-RS accepts. */
    public static final String REGISTRATION_ID = "cis2";

    private static final Logger LOG = LoggerFactory.getLogger(UserErsTokens.class);
    /** The refusals that mean this refresh token is done for, as Spring Security's own failure handler treats them. */
    private static final Set<String> REFUSED = Set.of(OAuth2ErrorCodes.INVALID_GRANT, OAuth2ErrorCodes.INVALID_TOKEN);

    private final DatabaseAuthorizedClientService store;
    private final RefreshTokenOAuth2AuthorizedClientProvider refresh;
    private final Duration refreshBefore;
    private final Clock clock;

    @Autowired
    UserErsTokens(DatabaseAuthorizedClientService store, UserTokensProperties properties, ErsProperties ers, Clock clock) {
        this(store, properties.refreshBefore(), clock, tokenEndpointClient(ers.connectTimeout(), ers.readTimeout()));
    }

    UserErsTokens(DatabaseAuthorizedClientService store, Duration refreshBefore, Clock clock,
                  OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> tokenEndpoint) {
        this.store = store;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
        this.refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
        this.refresh.setAccessTokenResponseClient(tokenEndpoint);
        this.refresh.setClock(clock);
        this.refresh.setClockSkew(refreshBefore);
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
        RestClientRefreshTokenTokenResponseClient client = new RestClientRefreshTokenTokenResponseClient();
        client.setRestClient(restClient);
        return client;
    }

    /** The authorization server could not be asked for a new token; the message names no token. */
    public static final class RefreshUnavailable extends RuntimeException {
        RefreshUnavailable(String userId, String errorCode, Throwable cause) {
            super("The e-RS access token of user " + userId + " has expired and could not be refreshed (" + errorCode
                    + "); try again later", cause);
        }
    }
}
