package org.ersreferral.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ersreferral.ers.ErsProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * The exchange request of the separate CIS2 pattern against a recording token endpoint: exactly the
 * NHS API platform's five form fields, a client assertion as the platform checks it, and its answer
 * (expires_in as a string, as the platform sends it) read as the person's e-RS token.
 */
class ErsTokenExchangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID_TOKEN = "eyJ.cis2-id-token.sig";
    private static final String PLATFORM_ANSWER = "{\"access_token\":\"ers-user-token-1\",\"expires_in\":\"599\","
            + "\"token_type\":\"Bearer\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\"}";

    private final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = PLATFORM_ANSWER;
    private HttpServer server;
    private String tokenUrl;
    private KeyPair keys;

    @BeforeEach
    void tokenEndpoint() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth2/token", exchange -> {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            forms.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        tokenUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsExactlyThePlatformsFormAndReadsItsAnswer() throws Exception {
        Instant before = Instant.now();
        OAuth2AuthorizedClient exchanged = exchange().exchange("555000000101", ID_TOKEN);

        assertThat(forms).hasSize(1);
        Map<String, String> form = forms.get(0);
        assertThat(form.keySet()).containsExactlyInAnyOrder("grant_type", "subject_token_type", "subject_token",
                "client_assertion_type", "client_assertion");
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .containsEntry("subject_token", ID_TOKEN)
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        assertThat(contentTypes.get(0)).startsWith("application/x-www-form-urlencoded");

        String[] assertion = form.get("client_assertion").split("\\.");
        assertThat(assertion).hasSize(3);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(assertion[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS512");
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        assertThat(header.path("kid").asText()).isEqualTo("test-1");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(assertion[1]));
        assertThat(claims.path("iss").asText()).isEqualTo("api-key-1");
        assertThat(claims.path("sub").asText()).isEqualTo("api-key-1");
        assertThat(claims.path("aud").asText()).isEqualTo(tokenUrl);
        assertThat(claims.path("jti").asText()).isNotBlank();
        assertThat(claims.path("exp").asLong()).isGreaterThan(before.getEpochSecond())
                .isLessThanOrEqualTo(Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond());
        Signature rs512 = Signature.getInstance("SHA512withRSA");
        rs512.initVerify(keys.getPublic());
        rs512.update((assertion[0] + "." + assertion[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs512.verify(Base64.getUrlDecoder().decode(assertion[2]))).as("signed with the registered key").isTrue();

        assertThat(exchanged.getClientRegistration().getRegistrationId()).isEqualTo(ErsTokenExchange.REGISTRATION_ID);
        assertThat(exchanged.getPrincipalName()).isEqualTo("555000000101");
        assertThat(exchanged.getAccessToken().getTokenValue()).isEqualTo("ers-user-token-1");
        assertThat(exchanged.getAccessToken().getExpiresAt()).isBetween(before.plusSeconds(598), Instant.now().plusSeconds(600));
        assertThat(exchanged.getRefreshToken()).isNull();
    }

    @Test
    void everyExchangeHasAnAssertionOfItsOwn() {
        ErsTokenExchange exchange = exchange();
        exchange.exchange("555000000101", ID_TOKEN);
        exchange.exchange("555000000101", ID_TOKEN);

        assertThat(forms).hasSize(2);
        assertThat(forms.get(0).get("client_assertion")).isNotEqualTo(forms.get(1).get("client_assertion"));
    }

    @Test
    void aRefusalIsThePlatformsOAuthError() {
        status = 400;
        answer = "{\"error\":\"invalid_grant\",\"error_description\":\"subject_token is invalid\"}";

        assertThatThrownBy(() -> exchange().exchange("555000000101", ID_TOKEN))
                .isInstanceOfSatisfying(OAuth2AuthorizationException.class,
                        refused -> assertThat(refused.getError().getErrorCode()).isEqualTo("invalid_grant"))
                .hasMessageNotContaining(ID_TOKEN);
    }

    @Test
    void startUpNamesTheFirstMissingSetting() {
        assertThatThrownBy(() -> new SignInPatternConfig().ersTokenExchange(properties(null, "test-1", pem()), Clock.systemUTC()))
                .hasMessage("ers.sign-in.pattern=separate needs ers.auth.api-key (ERS_API_KEY)");
        assertThatThrownBy(() -> new SignInPatternConfig().ersTokenExchange(properties("api-key-1", " ", pem()), Clock.systemUTC()))
                .hasMessage("ers.sign-in.pattern=separate needs ers.auth.key-id (ERS_KEY_ID)");
        assertThatThrownBy(() -> new SignInPatternConfig().ersTokenExchange(properties("api-key-1", "test-1", null), Clock.systemUTC()))
                .hasMessageContaining("ers.sign-in.pattern=separate needs ers.auth.private-key-file");
        assertThatThrownBy(() -> UserErsTokens.separate("combined")).hasMessageContaining("ers.sign-in.pattern must be");
        assertThat(UserErsTokens.separate(null)).isFalse();
        assertThat(UserErsTokens.separate("direct")).isFalse();
        assertThat(UserErsTokens.separate("separate")).isTrue();
    }

    private ErsTokenExchange exchange() {
        return new SignInPatternConfig().ersTokenExchange(properties("api-key-1", "test-1", pem()), Clock.systemUTC());
    }

    private ErsProperties properties(String apiKey, String keyId, String privateKey) {
        return new ErsProperties("http://127.0.0.1:1/FHIR", "R69", "REFERRING_CLINICIAN", null,
                ErsProperties.TRIAGE_CREATE_THEN_SEND, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofHours(1), 20, 3,
                new ErsProperties.Auth(ErsProperties.AUTH_CIS2, null, apiKey, keyId, tokenUrl, null, privateKey, null, null));
    }

    private String pem() {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
            if (fields.put(name, URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)) != null) {
                throw new AssertionError("field sent twice: " + name);
            }
        }
        return fields;
    }

}
