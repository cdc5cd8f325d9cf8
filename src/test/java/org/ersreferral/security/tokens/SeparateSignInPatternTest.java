package org.ersreferral.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.stream.Collectors;
import org.ersreferral.ers.ClientAssertion;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.ers.ServiceSearch;
import org.ersreferral.security.EmbeddedCis2Client;
import org.ersreferral.security.acting.ErsRoleChoices;
import org.ersreferral.testsupport.ApplicationTest;
import org.ersreferral.testsupport.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code ers.sign-in.pattern=separate} against the embedded simulator: a coordinator signs in through
 * the simulated CIS2 in a real browser, their ID token is exchanged at the simulated platform for their
 * e-RS token, and e-RS calls as them carry that token (still accepted once their CIS2 access token is
 * revoked, which e-RS then refuses). When it is due, a CIS2 refresh brings a new ID token and it is
 * exchanged again; once CIS2 refuses the refresh, both are deleted. The simulated platform refuses an
 * ID token of another issuer, an assertion signed with another key or used twice, a subject that is no
 * ID token, and the sign-in client.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:separate-sign-in;DB_CLOSE_DELAY=-1",
        "ers.sign-in.pattern=separate", "ers.auth.mode=cis2", "ers.auth.api-key=separate-api-key", "ers.auth.key-id=test-1",
        "ers.referring-clinician=021600556514"})
class SeparateSignInPatternTest {

    private static final int PORT = freePort();
    private static final KeyPair KEYS = rsaKeys();
    private static final String COORDINATOR = "555000000101";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Chromium chromium;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ers.auth.private-key", () -> pem(KEYS));
    }

    @Autowired
    UserErsTokens ersTokens;
    @Autowired
    DatabaseAuthorizedClientService store;
    @Autowired
    ErsClient ers;
    @Autowired
    ErsProperties ersProperties;
    @Autowired
    EmbeddedCis2Client cis2Client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ErsRoleChoices roles;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base = "http://localhost:" + PORT;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start(Map.of(), "--window-size=1400,1000");
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void eRsCallsAsASignedInPersonCarryTheirExchangedTokenRenewedThroughACis2Refresh() throws Exception {
        signIn();

        OAuth2AuthorizedClient cis2 = store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, COORDINATOR);
        OAuth2AuthorizedClient exchanged = store.loadAuthorizedClient(ErsTokenExchange.REGISTRATION_ID, COORDINATOR);
        assertThat(exchanged).as("exchanged at sign-in").isNotNull();
        String ersToken = exchanged.getAccessToken().getTokenValue();
        assertThat(ersToken).isNotEqualTo(cis2.getAccessToken().getTokenValue());
        assertThat(ersTokens.current(COORDINATOR)).hasValueSatisfying(token -> assertThat(token.value()).isEqualTo(ersToken));

        // Without its CIS2 access token, e-RS still takes the person's calls: they carry the exchanged token.
        roles.choose(COORDINATOR, new ErsRole("REFERRING_CLINICIAN_ADMIN", "R69", "Cicero Practice"));
        revoke(cis2.getAccessToken().getTokenValue(), "access_token");
        assertThat(fhirStatus(cis2.getAccessToken().getTokenValue())).as("the revoked CIS2 token at e-RS").isEqualTo(401);
        assertThat(fhirStatus(ersToken)).as("the exchanged token at e-RS").isEqualTo(200);
        assertThat(ers.searchServices(new ErsCall("separate-pattern", "Task_SearchServices", COORDINATOR),
                new ServiceSearch("9912003888", "ROUTINE", "CARDIOLOGY", null, null, null, null))).isNotEmpty();

        // Due: CIS2 is refreshed (its refresh token rotated) and the new ID token exchanged again.
        jdbc.update("update user_ers_token set access_token_expires_at = ? where user_id = ? and registration_id = ?",
                Timestamp.from(Instant.now().plusSeconds(30)), COORDINATOR, ErsTokenExchange.REGISTRATION_ID);
        UserToken renewed = ersTokens.current(COORDINATOR).orElseThrow();
        assertThat(renewed.value()).isNotEqualTo(ersToken);
        assertThat(renewed.expiresAt()).isAfter(Instant.now().plusSeconds(300));
        assertThat(store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, COORDINATOR).getRefreshToken().getTokenValue())
                .isNotEqualTo(cis2.getRefreshToken().getTokenValue());
        assertThat(fhirStatus(renewed.value())).isEqualTo(200);

        // CIS2 refuses the next refresh: both the CIS2 and the e-RS tokens go, the person signs in again.
        revoke(store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, COORDINATOR).getRefreshToken().getTokenValue(),
                "refresh_token");
        jdbc.update("update user_ers_token set access_token_expires_at = ? where user_id = ? and registration_id = ?",
                Timestamp.from(Instant.now().plusSeconds(30)), COORDINATOR, ErsTokenExchange.REGISTRATION_ID);
        assertThat(ersTokens.current(COORDINATOR)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from user_ers_token where user_id = ?", Integer.class, COORDINATOR))
                .isZero();
    }

    @Test
    void theSimulatedPlatformExchangesOnlyItsOwnCurrentIdTokensForTheRegisteredKey() throws Exception {
        signIn();
        String idToken = refreshedIdToken();
        ClientAssertion application = ClientAssertion.fromProperties(ersProperties, Clock.systemUTC(), "test");
        ClientAssertion otherKey = ClientAssertion.fromProperties(withKey(rsaKeys()), Clock.systemUTC(), "test");

        HttpResponse<String> otherIssuer = exchange(foreignIdToken(), ErsTokenExchange.ID_TOKEN_TYPE, application.sign());
        assertThat(otherIssuer.statusCode()).isEqualTo(400);
        assertThat(json(otherIssuer).path("error").asText()).isEqualTo("invalid_grant");

        HttpResponse<String> wrongKey = exchange(idToken, ErsTokenExchange.ID_TOKEN_TYPE, otherKey.sign());
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(json(wrongKey).path("error").asText()).isEqualTo("invalid_client");

        HttpResponse<String> accessTokenAsSubject = exchange(idToken, "urn:ietf:params:oauth:token-type:access_token",
                application.sign());
        assertThat(accessTokenAsSubject.statusCode()).isEqualTo(400);

        HttpResponse<String> signInClient = post("/ers-sim/oauth2/token", Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token_type", ErsTokenExchange.ID_TOKEN_TYPE, "subject_token", idToken), true);
        assertThat(signInClient.statusCode()).as("the sign-in client may not exchange").isEqualTo(400);
        assertThat(json(signInClient).path("error").asText()).isEqualTo("unauthorized_client");

        String assertion = application.sign();
        HttpResponse<String> genuine = exchange(idToken, ErsTokenExchange.ID_TOKEN_TYPE, assertion);
        assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(200);
        assertThat(json(genuine).path("issued_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(fhirStatus(json(genuine).path("access_token").asText())).isEqualTo(200);
        assertThat(exchange(idToken, ErsTokenExchange.ID_TOKEN_TYPE, assertion).statusCode()).as("an assertion used twice")
                .isEqualTo(401);
    }

    private void signIn() {
        WebDriver driver = chromium.driver();
        driver.manage().deleteAllCookies();
        Chromium.signIn(driver, base + "/camunda/app/tasklist/default/", "coordinator");
        new WebDriverWait(driver, Chromium.WAIT).until(d -> !d.findElements(
                By.xpath("//a[contains(normalize-space(.),'Start process')]")).isEmpty());
    }

    /** An ID token the simulated CIS2 issued just now: a refresh of the person's CIS2 tokens, as the application makes. */
    private String refreshedIdToken() throws Exception {
        OAuth2AuthorizedClient cis2 = store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, COORDINATOR);
        HttpResponse<String> refreshed = post("/ers-sim/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", cis2.getRefreshToken().getTokenValue()), true);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        return json(refreshed).path("id_token").asText();
    }

    private HttpResponse<String> exchange(String subject, String subjectType, String assertion) throws Exception {
        return post("/ers-sim/oauth2/token", Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token_type", subjectType, "subject_token", subject,
                "client_assertion_type", ClientAssertion.TYPE, "client_assertion", assertion), false);
    }

    private void revoke(String token, String hint) throws Exception {
        assertThat(post("/ers-sim/oauth2/revoke", Map.of("token", token, "token_type_hint", hint), true).statusCode())
                .isEqualTo(200);
    }

    private int fhirStatus(String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/ers-sim/FHIR/STU3/CodeSystem/PRIORITY"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> post(String path, Map<String, String> form, boolean asCis2Client) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        if (asCis2Client) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (cis2Client.clientId() + ":" + cis2Client.clientSecret()).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Looks like the simulator's ID token of the coordinator, but another issuer signed it. */
    private String foreignIdToken() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .issuer("https://other-issuer.example/oauth2").subject(COORDINATOR).audience(cis2Client.clientId())
                .claim("nhsid_useruid", COORDINATOR).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(rsaKeys().getPrivate()));
        return jwt.serialize();
    }

    private ErsProperties withKey(KeyPair keys) {
        ErsProperties.Auth auth = ersProperties.authOrDefault();
        return new ErsProperties(ersProperties.baseUrl(), ersProperties.odsCode(), ersProperties.businessFunction(),
                ersProperties.referringClinician(), ersProperties.triageMode(), ersProperties.connectTimeout(),
                ersProperties.readTimeout(), ersProperties.referenceDataTtl(), ersProperties.slotPageSize(),
                ersProperties.maxSlotPages(), new ErsProperties.Auth(auth.mode(), null, auth.apiKey(), auth.keyId(),
                auth.tokenUrl(), null, pem(keys), null, null));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
