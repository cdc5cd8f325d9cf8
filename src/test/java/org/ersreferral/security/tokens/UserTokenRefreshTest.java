package org.ersreferral.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.ThrowawayPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Two nodes (each its own pool and clock) on one PostgreSQL database, against a real authorization
 * server that rotates refresh tokens, so a refresh token spent twice would be refused and the user's
 * tokens lost. Access tokens live 10 minutes there; a stored one is made due for refresh by moving its
 * expiry (kept in plain text) close, so the token the refresh brings is not due again.
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserTokenRefreshTest {

    private static final Duration REFRESH_BEFORE = Duration.ofSeconds(60);

    private final ThrowawayPostgres database = new ThrowawayPostgres("ers_user_token_refresh_test_");
    private final TokenCipher cipher = TokenCipher.withRandomKey();
    private TestAuthorizationServer server;
    private String url;
    private final List<TokenStoreNode> nodes = new ArrayList<>();

    @BeforeAll
    void start() {
        url = database.create();
        server = new TestAuthorizationServer();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        database.drop();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(TokenStoreNode::close);
        nodes.clear();
    }

    @Test
    void theNodesShareASignedInUsersToken() throws Exception {
        ClientRegistration registration = server.registration(TestAuthorizationServer.CLIENT_ID);
        TokenStoreNode a = node(registration);
        TokenStoreNode b = node(registration);
        OAuth2AuthorizedClient signedIn = signIn(a, registration);
        int grants = server.refreshGrants.get();

        assertThat(b.tokens.current(TestAuthorizationServer.USER)).hasValueSatisfying(token -> {
            assertThat(token.value()).isEqualTo(signedIn.getAccessToken().getTokenValue());
            assertThat(token.expiresAt()).isCloseTo(signedIn.getAccessToken().getExpiresAt(), within(1, ChronoUnit.MICROS));
        });
        assertThat(server.refreshGrants.get()).as("a token far from expiry is not refreshed").isEqualTo(grants);

        a.tokens.signOut(TestAuthorizationServer.USER);
        assertThat(b.tokens.current(TestAuthorizationServer.USER)).as("signed out on every node").isEmpty();
    }

    @Test
    void aTokenDueForRefreshIsRefreshedOnceWhenBothNodesAskAtOnce() throws Exception {
        ClientRegistration registration = server.registration(TestAuthorizationServer.CLIENT_ID);
        TokenStoreNode a = node(registration);
        TokenStoreNode b = node(registration);
        OAuth2AuthorizedClient signedIn = signIn(a, registration);
        expiresIn(a, Duration.ofSeconds(30));
        int grants = server.refreshGrants.get();

        int callers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Optional<UserToken>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                TokenStoreNode node = i % 2 == 0 ? a : b;
                answers.add(pool.submit(() -> {
                    go.await();
                    return node.tokens.current(TestAuthorizationServer.USER);
                }));
            }
            go.countDown();
            List<String> values = new ArrayList<>();
            for (Future<Optional<UserToken>> answer : answers) {
                values.add(answer.get(30, TimeUnit.SECONDS).orElseThrow(() -> new AssertionError("a caller got no token")).value());
            }
            assertThat(values).as("every caller on both nodes got the one refreshed token").containsOnly(values.get(0));
            assertThat(values.get(0)).isNotEqualTo(signedIn.getAccessToken().getTokenValue());
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.refreshGrants.get() - grants).as("refresh grants sent").isEqualTo(1);

        OAuth2AuthorizedClient stored = b.store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, TestAuthorizationServer.USER);
        assertThat(stored.getRefreshToken().getTokenValue()).as("the rotated refresh token is kept")
                .isNotEqualTo(signedIn.getRefreshToken().getTokenValue());
        List<String> secrets = List.of(signedIn.getAccessToken().getTokenValue(), signedIn.getRefreshToken().getTokenValue(),
                stored.getAccessToken().getTokenValue(), stored.getRefreshToken().getTokenValue());
        for (Object value : a.tableDump()) {
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
        a.tokens.signOut(TestAuthorizationServer.USER);
    }

    @Test
    void anExpiredRefreshTokenDeletesTheUsersTokens() throws Exception {
        ClientRegistration registration = server.registration(TestAuthorizationServer.SHORT_LIVED_CLIENT_ID);
        TokenStoreNode a = node(registration);
        TokenStoreNode b = node(registration);
        signIn(a, registration);
        // the authorization server's own clock: its refresh token must really have expired
        Thread.sleep(TestAuthorizationServer.SHORT_REFRESH_LIFETIME.plusMillis(500).toMillis());
        expiresIn(a, Duration.ofSeconds(-1));
        int grants = server.refreshGrants.get();

        assertThat(a.tokens.current(TestAuthorizationServer.USER)).isEmpty();
        assertThat(server.refreshGrants.get() - grants).as("the authorization server was asked").isEqualTo(1);
        assertThat((OAuth2AuthorizedClient) b.store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID,
                TestAuthorizationServer.USER)).as("deleted for every node").isNull();
        assertThat(b.tokens.current(TestAuthorizationServer.USER)).isEmpty();
    }

    private TokenStoreNode node(ClientRegistration registration) {
        TokenStoreNode node = new TokenStoreNode(url, ThrowawayPostgres.user(), cipher, registration, Clock.systemUTC(),
                REFRESH_BEFORE);
        nodes.add(node);
        return node;
    }

    /** The stored access token now expires in {@code remaining}, as if it had been issued that much earlier. */
    private static void expiresIn(TokenStoreNode node, Duration remaining) {
        node.jdbc().update("update user_ers_token set access_token_expires_at = ? where user_id = ?",
                Timestamp.from(Instant.now().plus(remaining)), TestAuthorizationServer.USER);
    }

    /** The user signs in; node {@code a} stores the tokens, as oauth2Login on that node would. */
    private OAuth2AuthorizedClient signIn(TokenStoreNode a, ClientRegistration registration) throws Exception {
        OAuth2AuthorizedClient signedIn = server.signIn(registration);
        a.store.saveAuthorizedClient(signedIn, UsernamePasswordAuthenticationToken.authenticated(
                TestAuthorizationServer.USER, null, List.of()));
        assertThat(signedIn.getRefreshToken()).as("the authorization server issues refresh tokens").isNotNull();
        return signedIn;
    }
}
