package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed-JWT client assertion and the token cache, against a fake token endpoint and a settable clock. */
class SignedJwtTokenProviderTest {

    static final String TOKEN_URL = "https://int.api.service.nhs.uk/oauth2/token";
    static final ObjectMapper JSON = new ObjectMapper();
    static KeyPair keys;


    /** Records each form posted and answers with a fresh token valid for {@code expiresIn} seconds. */
    static final class FakeTokenEndpoint implements SignedJwtTokenProvider.TokenEndpoint {
        final List<Map<String, String>> forms = new ArrayList<>();
        long expiresIn = 599;

        @Override
        public synchronized PlainHttp.Answer post(String url, String form) {
            assertThat(url).isEqualTo(TOKEN_URL);
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : form.split("&")) {
                String[] kv = pair.split("=", 2);
                fields.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            forms.add(fields);
            return new PlainHttp.Answer(200, "{\"access_token\":\"token-" + forms.size() + "\",\"expires_in\":\""
                    + expiresIn + "\",\"token_type\":\"Bearer\"}");
        }
    }

    final TestClock clock = TestClock.at(Instant.parse("2026-01-05T09:00:00Z"));
    final FakeTokenEndpoint endpoint = new FakeTokenEndpoint();

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    SignedJwtTokenProvider provider() {
        return new SignedJwtTokenProvider("api-key-1", "test-1", TOKEN_URL, keys.getPrivate(), clock, endpoint);
    }

    @Test
    void postsAClientCredentialsFormWithAnRs512AssertionSignedByTheKey() throws Exception {
        assertThat(provider().accessToken()).isEqualTo("token-1");

        Map<String, String> form = endpoint.forms.get(0);
        assertThat(form).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        String[] jwt = form.get("client_assertion").split("\\.");
        assertThat(jwt).hasSize(3);
        assertThat(String.join("", jwt)).doesNotContain("=").doesNotContain("+").doesNotContain("/");

        JsonNode header = decode(jwt[0]);
        assertThat(header.path("alg").asText()).isEqualTo("RS512");
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        assertThat(header.path("kid").asText()).isEqualTo("test-1");

        JsonNode claims = decode(jwt[1]);
        assertThat(claims.path("iss").asText()).isEqualTo("api-key-1");
        assertThat(claims.path("sub").asText()).isEqualTo("api-key-1");
        assertThat(claims.path("aud").asText()).isEqualTo(TOKEN_URL);
        assertThat(claims.path("jti").asText()).isNotBlank();
        long now = clock.instant().getEpochSecond();
        assertThat(claims.path("exp").asLong()).isGreaterThan(now).isLessThanOrEqualTo(now + 300);

        Signature verifier = Signature.getInstance("SHA512withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    }

    @Test
    void everyAssertionHasItsOwnJti() {
        SignedJwtTokenProvider provider = provider();
        List<String> jtis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jtis.add(decode(provider.clientAssertion().split("\\.")[1]).path("jti").asText());
        }
        assertThat(jtis).doesNotHaveDuplicates();
    }

    @Test
    void reusesTheTokenUntilShortlyBeforeItExpires() {
        SignedJwtTokenProvider provider = provider();
        assertThat(provider.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(568)); // 599 s token, renewed 30 s before: still good at 568 s
        assertThat(provider.accessToken()).isEqualTo("token-1");
        assertThat(endpoint.forms).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.accessToken()).isEqualTo("token-2");
        assertThat(endpoint.forms).hasSize(2);
        assertThat(endpoint.forms.get(0).get("client_assertion")).isNotEqualTo(endpoint.forms.get(1).get("client_assertion"));
    }

    @Test
    void aShortLivedTokenIsRenewedTenPercentBeforeItsExpiry() {
        endpoint.expiresIn = 60;
        SignedJwtTokenProvider provider = provider();
        provider.accessToken();
        clock.advance(Duration.ofSeconds(53));
        assertThat(provider.accessToken()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.accessToken()).isEqualTo("token-2");
    }

    @Test
    void aRefusedTokenIsFetchedAgain() {
        SignedJwtTokenProvider provider = provider();
        provider.accessToken();
        provider.invalidate();
        assertThat(provider.accessToken()).isEqualTo("token-2");
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        SignedJwtTokenProvider provider = provider();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                tokens.add(pool.submit((Callable<String>) provider::accessToken));
            }
            for (Future<String> token : tokens) {
                assertThat(token.get()).isEqualTo("token-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(endpoint.forms).hasSize(1);
    }

    @Test
    void aRefusalNamesThePlatformsReasonButNoSecret() {
        SignedJwtTokenProvider provider = new SignedJwtTokenProvider("api-key-1", "test-1", TOKEN_URL, keys.getPrivate(),
                clock, (url, form) -> new PlainHttp.Answer(400,
                "{\"error\":\"invalid_request\",\"error_description\":\"Invalid 'kid' header in client_assertion JWT\"}"));
        assertThatThrownBy(provider::accessToken).isInstanceOf(ErsException.Unavailable.class)
                .hasMessageContaining("Invalid 'kid'").hasMessageContaining("400");
    }

    @Test
    void readsThePkcs8KeyFromAFileOrAnEnvironmentValue(@TempDir Path dir) throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path file = Files.writeString(dir.resolve("key.pem"), pem);
        assertThat(PemPrivateKeys.fromSettings(file.toString(), null).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(PemPrivateKeys.fromSettings(null, pem.replace("\n", "\\n")).getEncoded())
                .isEqualTo(keys.getPrivate().getEncoded());
        assertThatThrownBy(() -> PemPrivateKeys.fromSettings(null, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> PemPrivateKeys.fromSettings(null, "-----BEGIN PRIVATE KEY-----\nsecret-bytes\n-----END PRIVATE KEY-----"))
                .hasMessageNotContaining("secret-bytes");
        assertThatThrownBy(() -> PemPrivateKeys.fromSettings(" ", null)).hasMessageContaining("ERS_PRIVATE_KEY");
    }

    @Test
    void theTokenUrlDefaultsToTheBaseUrlsHostOrTheSimulator() {
        assertThat(properties("https://int.api.service.nhs.uk/referrals/FHIR", null).tokenUrl())
                .isEqualTo("https://int.api.service.nhs.uk/oauth2/token");
        assertThat(properties("http://localhost:8080/ers-sim/FHIR", null).tokenUrl())
                .isEqualTo("http://localhost:8080/ers-sim/oauth2/token");
        assertThat(properties("http://localhost:8080/ers-sim/FHIR", "https://elsewhere/oauth2/token").tokenUrl())
                .isEqualTo("https://elsewhere/oauth2/token");
        assertThat(properties("http://localhost:8080/ers-sim/FHIR/", null).sessionUrl())
                .isEqualTo("http://localhost:8080/ers-sim/ers-api/v1");
    }

    static ErsProperties properties(String baseUrl, String tokenUrl) {
        return new ErsProperties(baseUrl, "R69", "REFERRING_CLINICIAN", null, null, null, null, null, 20, 3,
                new ErsProperties.Auth("signed-jwt", null, "k", "kid", tokenUrl, null, null, null, null));
    }

    static JsonNode decode(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
