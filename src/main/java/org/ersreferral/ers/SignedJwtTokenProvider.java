package org.ersreferral.ers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code ers.auth.mode=signed-jwt}: the NHS API platform's application-restricted flow. A client
 * assertion (RS512 JWT signed with the registered key) is exchanged at the token endpoint for a
 * bearer token, which is cached until shortly before it expires. Neither is ever logged.
 */
final class SignedJwtTokenProvider implements ErsAccessTokenProvider {

    static final String OPERATION = "TOKEN";
    static final String ASSERTION_TYPE = ClientAssertion.TYPE;
    static final Duration ASSERTION_LIFETIME = ClientAssertion.LIFETIME;
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

    private final String tokenUrl;
    private final ClientAssertion assertion;
    private final Clock clock;
    private final TokenEndpoint endpoint;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile CachedToken cached;

    SignedJwtTokenProvider(String apiKey, String keyId, String tokenUrl, PrivateKey privateKey, Clock clock,
                           TokenEndpoint endpoint) {
        this(new ClientAssertion(require(apiKey, "ers.auth.api-key (ERS_API_KEY)"), require(keyId, "ers.auth.key-id (ERS_KEY_ID)"),
                require(tokenUrl, "ers.auth.token-url (ERS_TOKEN_URL)"), privateKey, clock), clock, endpoint);
    }

    private SignedJwtTokenProvider(ClientAssertion assertion, Clock clock, TokenEndpoint endpoint) {
        this.tokenUrl = assertion.tokenUrl();
        this.assertion = assertion;
        this.clock = clock;
        this.endpoint = endpoint;
    }

    static SignedJwtTokenProvider fromProperties(ErsProperties properties, Clock clock) {
        PlainHttp http = PlainHttp.of(properties);
        return new SignedJwtTokenProvider(ClientAssertion.fromProperties(properties, clock, "ers.auth.mode=signed-jwt"), clock,
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

    /** A new client assertion, signed as {@link ClientAssertion} does for every use of the registered key. */
    String clientAssertion() {
        return assertion.sign();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String require(String value, String name) {
        return ClientAssertion.require(value, name, "ers.auth.mode=signed-jwt");
    }
}
