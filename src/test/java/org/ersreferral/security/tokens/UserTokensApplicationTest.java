package org.ersreferral.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ersreferral.security.EmbeddedCis2Client;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.util.UriComponentsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * In the application: Spring Security's client service is the database store, its table is created
 * with the application's others, and what a sign-in stores there is encrypted and goes at sign-out.
 * Against the embedded simulator's CIS2 (a real authorization server rotating refresh tokens): a
 * signed-in coordinator's token is refreshed, and a revoked refresh token ends their stored tokens.
 */
class UserTokensApplicationTest extends RunningApplicationTest {

    @Autowired
    OAuth2AuthorizedClientService clientService;

    @Autowired
    UserErsTokens userErsTokens;

    @Autowired
    JdbcTemplate jdbc;

    /** A smartcard user of the simulator's CIS2 (the demo coordinator). */
    private static final String COORDINATOR = "555000000101";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    EmbeddedCis2Client cis2Client;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    TokenCipher cipher;

    @Test
    void aCoordinatorsTokenIsRefreshedAtTheSimulatorsCis2UntilItsRefreshTokenIsRevoked() throws Exception {
        ClientRegistration registration = simulatorRegistration();
        // the store as the application has it, with the registration the sign-in configures
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        DatabaseAuthorizedClientService store = new DatabaseAuthorizedClientService(
                SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory), transactions, cipher,
                () -> registrations, Clock.systemUTC());
        UserErsTokens tokens = new UserErsTokens(store, Duration.ofSeconds(60), Clock.systemUTC(),
                UserErsTokens.tokenEndpointClient(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        OAuth2AuthorizedClient signedIn = signInAtSimulator(registration);
        store.saveAuthorizedClient(signedIn, UsernamePasswordAuthenticationToken.authenticated(COORDINATOR, null, List.of()));
        assertThat(tokens.current(COORDINATOR)).hasValueSatisfying(token ->
                assertThat(token.value()).isEqualTo(signedIn.getAccessToken().getTokenValue()));

        jdbc.update("update user_ers_token set access_token_expires_at = ? where user_id = ?",
                Timestamp.from(Instant.now().plusSeconds(30)), COORDINATOR);
        UserToken refreshed = tokens.current(COORDINATOR).orElseThrow();
        assertThat(refreshed.value()).isNotEqualTo(signedIn.getAccessToken().getTokenValue());
        assertThat(refreshed.expiresAt()).isAfter(Instant.now().plusSeconds(500));
        OAuth2AuthorizedClient stored = store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, COORDINATOR);
        assertThat(stored.getRefreshToken().getTokenValue()).as("rotated").isNotEqualTo(signedIn.getRefreshToken().getTokenValue());

        revoke(registration, stored.getRefreshToken().getTokenValue());
        jdbc.update("update user_ers_token set access_token_expires_at = ? where user_id = ?",
                Timestamp.from(Instant.now().plusSeconds(30)), COORDINATOR);
        assertThat(tokens.current(COORDINATOR)).as("refresh refused: signed out of e-RS").isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from user_ers_token where user_id = ?", Integer.class, COORDINATOR))
                .isZero();
    }

    private ClientRegistration simulatorRegistration() {
        String root = "http://localhost:" + port;
        String issuer = cis2Client.issuer(root);
        return ClientRegistration.withRegistrationId(UserErsTokens.REGISTRATION_ID)
                .clientId(cis2Client.clientId()).clientSecret(cis2Client.clientSecret())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(root + EmbeddedCis2Client.REDIRECT_PATH)
                .scope("openid", "profile", "nationalrbacaccess")
                .authorizationUri(issuer + "/oauth2/authorize").tokenUri(issuer + "/oauth2/token")
                .build();
    }

    /** The coordinator signs in on the simulator's smartcard page; the code is exchanged as oauth2Login does. */
    private OAuth2AuthorizedClient signInAtSimulator(ClientRegistration registration) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        OAuth2AuthorizationRequest authorization = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId()).redirectUri(registration.getRedirectUri())
                .scopes(registration.getScopes()).state(UUID.randomUUID().toString())
                .attributes(Map.of(PkceParameterNames.CODE_VERIFIER, verifier))
                .additionalParameters(Map.of(PkceParameterNames.CODE_CHALLENGE, challenge,
                        PkceParameterNames.CODE_CHALLENGE_METHOD, "S256"))
                .build();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> toSignIn = get(browser, authorization.getAuthorizationRequestUri());
        HttpResponse<String> page = get(browser, location(toSignIn));
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(location(toSignIn)))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("user=" + COORDINATOR + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        String back = location(get(browser, location(signedIn)));
        assertThat(back).startsWith(registration.getRedirectUri() + "?");
        Map<String, String> parameters = UriComponentsBuilder.fromUriString(back).build().getQueryParams().toSingleValueMap();
        OAuth2AccessTokenResponse response = new RestClientAuthorizationCodeTokenResponseClient().getTokenResponse(
                new OAuth2AuthorizationCodeGrantRequest(registration, new OAuth2AuthorizationExchange(authorization,
                        OAuth2AuthorizationResponse.success(parameters.get("code")).redirectUri(registration.getRedirectUri())
                                .state(parameters.get("state")).build())));
        return new OAuth2AuthorizedClient(registration, COORDINATOR, response.getAccessToken(), response.getRefreshToken());
    }

    private void revoke(ClientRegistration registration, String token) throws Exception {
        String basic = Base64.getEncoder().encodeToString((registration.getClientId() + ":" + registration.getClientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> revoked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(registration.getProviderDetails().getTokenUri().replace("/oauth2/token", "/oauth2/revoke")))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                        + "&token_type_hint=refresh_token")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(HttpClient browser, String uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("expected a redirect from " + response.uri() + ", got " + response.statusCode()));
        return location.startsWith("/") ? "http://localhost:" + port + location : location;
    }

    @Test
    void aSignInIsStoredEncryptedAndGoesAtSignOut() {
        assertThat(clientService).isInstanceOf(DatabaseAuthorizedClientService.class);
        String user = "app-user-" + UUID.randomUUID().toString().substring(0, 8);
        String access = "app-access-" + UUID.randomUUID();
        String refresh = "app-refresh-" + UUID.randomUUID();
        ClientRegistration registration = ClientRegistration.withRegistrationId(UserErsTokens.REGISTRATION_ID)
                .clientId("ers-referral").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/login/oauth2/code/cis2")
                .authorizationUri("http://127.0.0.1:1/oauth2/authorize").tokenUri("http://127.0.0.1:1/oauth2/token").build();
        clientService.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, user,
                        new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, Instant.now(),
                                Instant.now().plusSeconds(600), Set.of("profile")),
                        new OAuth2RefreshToken(refresh, Instant.now())),
                UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));

        List<Map<String, Object>> rows = jdbc.queryForList("select * from user_ers_token where user_id = ?", user);
        assertThat(rows).hasSize(1);
        for (Object value : rows.get(0).values()) {
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
            assertThat(text).doesNotContain(access).doesNotContain(refresh);
        }

        userErsTokens.signOut(user);
        assertThat(jdbc.queryForObject("select count(*) from user_ers_token where user_id = ?", Integer.class, user)).isZero();
        assertThat(userErsTokens.current(user)).isEmpty();
    }
}
