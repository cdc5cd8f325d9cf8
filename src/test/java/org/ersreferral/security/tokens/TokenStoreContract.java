package org.ersreferral.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * The token store on one database (each subclass names one): what oauth2Login stores is what comes
 * back, encrypted at rest, bound to its user. Its authorization server is an address nobody listens
 * on, so a refresh can only fail to reach it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TokenStoreContract {

    private static final ClientRegistration UNREACHABLE = ClientRegistration.withRegistrationId(UserErsTokens.REGISTRATION_ID)
            .clientId("ers-referral").clientSecret("client-secret")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://127.0.0.1/login/oauth2/code/cis2")
            .authorizationUri("http://127.0.0.1:1/oauth2/authorize").tokenUri("http://127.0.0.1:1/oauth2/token")
            .build();

    private final TestClock clock = TestClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private TokenStoreNode node;

    /** The database's JDBC URL (created now) and its user. */
    abstract String[] database();

    /** Drops the database, if it outlives the pool. */
    abstract void dropDatabase() throws Exception;

    @BeforeAll
    void start() {
        String[] database = database();
        node = new TokenStoreNode(database[0], database[1], TokenCipher.withRandomKey(), UNREACHABLE, clock, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
        dropDatabase();
    }

    @Test
    void whatIsSavedComesBack() {
        String user = user();
        Instant issued = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        OAuth2AuthorizedClient client = client(user, "access-" + user, issued.plus(Duration.ofMinutes(10)),
                new OAuth2RefreshToken("refresh-" + user, issued, issued.plus(Duration.ofHours(12))));
        node.store.saveAuthorizedClient(client, principal(user));

        OAuth2AuthorizedClient loaded = node.store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, user);
        assertThat(loaded.getPrincipalName()).isEqualTo(user);
        assertThat(loaded.getAccessToken().getTokenValue()).isEqualTo("access-" + user);
        assertThat(loaded.getAccessToken().getExpiresAt()).isEqualTo(issued.plus(Duration.ofMinutes(10)));
        assertThat(loaded.getAccessToken().getScopes()).containsExactlyInAnyOrder("profile", "nationalrbacaccess");
        assertThat(loaded.getRefreshToken().getTokenValue()).isEqualTo("refresh-" + user);
        assertThat(loaded.getRefreshToken().getExpiresAt()).isEqualTo(issued.plus(Duration.ofHours(12)));
        assertThat(node.tokens.current(user)).hasValueSatisfying(token -> {
            assertThat(token.value()).isEqualTo("access-" + user);
            assertThat(token.expiresAt()).isEqualTo(issued.plus(Duration.ofMinutes(10)));
        });
    }

    @Test
    void aSecondSignInReplacesTheTokens() {
        String user = user();
        node.store.saveAuthorizedClient(client(user, "first-" + user, later(10), new OAuth2RefreshToken("r1-" + user, null)),
                principal(user));
        node.store.saveAuthorizedClient(client(user, "second-" + user, later(10), null), principal(user));

        OAuth2AuthorizedClient loaded = node.store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, user);
        assertThat(loaded.getAccessToken().getTokenValue()).isEqualTo("second-" + user);
        assertThat(loaded.getRefreshToken()).isNull();
        assertThat(node.jdbc().queryForObject("select count(*) from user_ers_token where user_id = ?", Integer.class, user))
                .isEqualTo(1);
    }

    @Test
    void theTableHoldsNoTokenInPlainText() {
        String user = user();
        String access = "plain-access-" + UUID.randomUUID();
        String refresh = "plain-refresh-" + UUID.randomUUID();
        node.store.saveAuthorizedClient(client(user, access, later(10), new OAuth2RefreshToken(refresh, clock.instant())),
                principal(user));

        List<Object> dump = node.tableDump();
        assertThat(dump).as("the row is there").contains(user);
        for (Object value : dump) {
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
            assertThat(text).doesNotContain(access).doesNotContain(refresh)
                    .doesNotContain(access.substring(13)).doesNotContain(refresh.substring(14));
        }
    }

    @Test
    void anotherUsersRowCopiedOverIsRefusedAndDeleted() {
        String alice = user();
        String bob = user();
        node.store.saveAuthorizedClient(client(alice, "alice-token", later(10), new OAuth2RefreshToken("alice-refresh", null)),
                principal(alice));
        node.store.saveAuthorizedClient(client(bob, "bob-token", later(10), new OAuth2RefreshToken("bob-refresh", null)),
                principal(bob));

        node.jdbc().update("update user_ers_token set access_token = (select access_token from user_ers_token where user_id = ?),"
                + " refresh_token = (select refresh_token from user_ers_token where user_id = ?) where user_id = ?", alice, alice, bob);

        assertThat(node.tokens.current(bob)).isEmpty();
        assertThat(node.jdbc().queryForObject("select count(*) from user_ers_token where user_id = ?", Integer.class, bob))
                .as("bob's unreadable row is gone").isZero();
        assertThat(node.tokens.current(alice)).hasValueSatisfying(token -> assertThat(token.value()).isEqualTo("alice-token"));
    }

    @Test
    void anAlteredRowIsRefused() {
        String user = user();
        node.store.saveAuthorizedClient(client(user, "token-" + user, later(10), null), principal(user));
        byte[] sealed = node.jdbc().queryForObject("select access_token from user_ers_token where user_id = ?", byte[].class, user);
        sealed[sealed.length - 3] ^= 0x40;
        node.jdbc().update("update user_ers_token set access_token = ? where user_id = ?", sealed, user);

        assertThat((OAuth2AuthorizedClient) node.store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, user)).isNull();
    }

    @Test
    void signingOutDeletesTheTokens() {
        String user = user();
        String other = user();
        node.store.saveAuthorizedClient(client(user, "token-" + user, later(10), null), principal(user));
        node.store.saveAuthorizedClient(client(other, "token-" + other, later(10), null), principal(other));

        node.tokens.signOut(user);

        assertThat(node.tokens.current(user)).isEmpty();
        assertThat(node.tokens.current(other)).as("another user stays signed in").isPresent();
        node.store.removeAuthorizedClient(UserErsTokens.REGISTRATION_ID, other);
        assertThat(node.tokens.current(other)).isEmpty();
    }

    @Test
    void anExpiredTokenWithoutARefreshTokenIsDeleted() {
        String user = user();
        node.store.saveAuthorizedClient(client(user, "token-" + user, clock.instant().minusSeconds(1), null), principal(user));

        assertThat(node.tokens.current(user)).isEmpty();
        assertThat((OAuth2AuthorizedClient) node.store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, user)).isNull();
    }

    @Test
    void anUnreachableAuthorizationServerLeavesTheTokensForLater() {
        String user = user();
        String refresh = "refresh-" + user;
        node.store.saveAuthorizedClient(client(user, "nearly-" + user, clock.instant().plusSeconds(30),
                new OAuth2RefreshToken(refresh, null)), principal(user));
        assertThat(node.tokens.current(user)).as("due for refresh but still valid: used until it expires")
                .hasValueSatisfying(token -> assertThat(token.value()).isEqualTo("nearly-" + user));

        String expired = user();
        node.store.saveAuthorizedClient(client(expired, "expired-" + expired, clock.instant().minusSeconds(1),
                new OAuth2RefreshToken(refresh, null)), principal(expired));
        assertThatThrownBy(() -> node.tokens.current(expired)).isInstanceOf(UserErsTokens.RefreshUnavailable.class)
                .hasMessageNotContaining(refresh).hasMessageNotContaining("expired-" + expired);
        assertThat((OAuth2AuthorizedClient) node.store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, expired))
                .as("kept: the refresh may work later").isNotNull();
    }

    private Instant later(int minutes) {
        return clock.instant().plus(Duration.ofMinutes(minutes));
    }

    private OAuth2AuthorizedClient client(String user, String access, Instant expiresAt, OAuth2RefreshToken refresh) {
        Instant issued = expiresAt.minus(Duration.ofMinutes(10));
        return new OAuth2AuthorizedClient(UNREACHABLE, user, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access,
                issued, expiresAt, Set.of("profile", "nationalrbacaccess")), refresh);
    }

    private static UsernamePasswordAuthenticationToken principal(String user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null, List.of());
    }

    private static String user() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
