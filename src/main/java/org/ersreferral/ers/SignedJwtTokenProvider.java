package org.ersreferral.ers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code ers.auth.mode=signed-jwt}: the NHS API platform's application-restricted flow. A client
 * assertion (RS512 JWT signed with the registered key) is exchanged at the token endpoint for a
 * bearer token, which is cached until shortly before it expires. Neither is ever logged.
 */
final class SignedJwtTokenProvider implements ErsAccessTokenProvider {

    static final String OPERATION = "TOKEN";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The platform allows at most five minutes; less leaves room for clock skew. */
    static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(4);
    /** Renew this long before expiry (or 10 % of the lifetime, if shorter) so a call never carries a dying token. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    /** Posts the form to the token URL; replaceable in tests. */
    @FunctionalInterface
    interface TokenEndpoint {
        PlainHttp.Answer post(String url, String form);
    }

    private record CachedToken(String value, Instant renewAt) {
        @Override
        public String toString() {
            return "CachedToken[value=***, renewAt=" + renewAt + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final String keyId;
    private final String tokenUrl;
    private final PrivateKey privateKey;
    private final Clock clock;
    private final TokenEndpoint endpoint;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile CachedToken cached;

    SignedJwtTokenProvider(String apiKey, String keyId, String tokenUrl, PrivateKey privateKey, Clock clock,
                           TokenEndpoint endpoint) {
        this.apiKey = require(apiKey, "ers.auth.api-key (ERS_API_KEY)");
        this.keyId = require(keyId, "ers.auth.key-id (ERS_KEY_ID)");
        this.tokenUrl = require(tokenUrl, "ers.auth.token-url (ERS_TOKEN_URL)");
        this.privateKey = privateKey;
        this.clock = clock;
        this.endpoint = endpoint;
    }

    static SignedJwtTokenProvider fromProperties(ErsProperties properties, Clock clock) {
        ErsProperties.Auth auth = properties.authOrDefault();
        PlainHttp http = PlainHttp.of(properties);
        require(auth.apiKey(), "ers.auth.api-key (ERS_API_KEY)"); // before the key: the first missing setting first
        require(auth.keyId(), "ers.auth.key-id (ERS_KEY_ID)");
        return new SignedJwtTokenProvider(auth.apiKey(), auth.keyId(), properties.tokenUrl(),
                PemPrivateKeys.fromSettings(auth.privateKeyFile(), auth.privateKey()), clock,
                (url, form) -> http.send(OPERATION, "POST", url, Map.of(), "application/x-www-form-urlencoded", form));
    }

    @Override
    public String accessToken() {
        CachedToken token = cached;
        if (token != null && clock.instant().isBefore(token.renewAt())) {
            return token.value();
        }
        fetching.lock(); // one token request at a time; the others wait and take its result
        try {
            token = cached;
            if (token == null || !clock.instant().isBefore(token.renewAt())) {
                token = fetch();
                cached = token;
            }
            return token.value();
        } finally {
            fetching.unlock();
        }
    }

    @Override
    public void invalidate() {
        cached = null;
    }

    private CachedToken fetch() {
        Instant requested = clock.instant();
        String form = "grant_type=client_credentials"
                + "&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(clientAssertion(), StandardCharsets.UTF_8);
        PlainHttp.Answer answer = endpoint.post(tokenUrl, form);
        JsonNode body = parse(answer.body());
        if (!answer.ok()) {
            // the platform's error_description names the problem (kid, exp, jti ...) and quotes no secret
            String why = body.path("error_description").asText(body.path("error").asText(""));
            throw new ErsException.Unavailable(OPERATION, answer.status(), "The token endpoint refused the signed JWT"
                    + " (HTTP " + answer.status() + (why.isBlank() ? "" : ": " + why) + ")", null);
        }
        String accessToken = body.path("access_token").asText("");
        long expiresIn = body.path("expires_in").asLong(0); // the platform sends it as a string
        if (accessToken.isBlank() || expiresIn <= 0) {
            throw new ErsException.Unavailable(OPERATION, answer.status(), "The token endpoint answered without "
                    + "access_token or expires_in", null);
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration renewBefore = lifetime.dividedBy(10).compareTo(RENEW_BEFORE) < 0 ? lifetime.dividedBy(10) : RENEW_BEFORE;
        return new CachedToken(accessToken, requested.plus(lifetime).minus(renewBefore));
    }

    /** {@code header.claims.signature}, base64url without padding, RS512 (SHA512withRSA). */
    String clientAssertion() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS512");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", apiKey);
        claims.put("sub", apiKey);
        claims.put("aud", tokenUrl);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("exp", clock.instant().plus(ASSERTION_LIFETIME).getEpochSecond());
        try {
            String signingInput = base64Url(JSON.writeValueAsBytes(header)) + "." + base64Url(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA512withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the client assertion (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("ers.auth.mode=signed-jwt needs " + name);
        }
        return value.trim();
    }
}
