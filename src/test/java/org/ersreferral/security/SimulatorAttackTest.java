package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.ersreferral.ErsReferralApplication;
import org.ersreferral.ers.EmbeddedErsCredentials;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.lifecycle.LiveApplication;
import org.ersreferral.testsupport.OwnNetworkAddress;
import org.ersreferral.testsupport.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Attacks on the embedded e-RS simulator over real HTTP, as someone on the network would try them:
 * the once-published token, forged client assertions, a made-up smartcard token, a call from
 * another host. Each is refused with the platform's status and a message naming the reason, and
 * leaves nothing behind (no token, no session, no counted call).
 */
@ApplicationTest
@SpringBootTest(classes = ErsReferralApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:simulator-attack;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false",
                // the simulator's token endpoint is attacked here; the application's client keeps to one static token
                "ers.auth.mode=static",
                "ers.auth.key-id=" + SimulatorAttackTest.KEY_ID,
                "ers.auth.api-key=" + SimulatorAttackTest.API_KEY})
class SimulatorAttackTest {

    static final String KEY_ID = "attack-test-kid";
    static final String API_KEY = "attack-test-api-key-5b1f";
    static final String PUBLISHED_TOKEN = "simulator-access-token";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final KeyPair REGISTERED = rsaKeys();
    static final KeyPair OTHER = rsaKeys();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void registeredKey(DynamicPropertyRegistry registry) {
        registry.add("ers.simulator.client-public-key", () -> "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(REGISTERED.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedErsCredentials simulator;

    @Autowired
    ApplicationContext context;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        String diagnostics() {
            return json().path("issue").path(0).path("diagnostics").asText();
        }
    }

    @BeforeEach
    void resetSimulator() {
        assertThat(admin("POST", "/ers-sim/admin/reset").status()).isEqualTo(204);
    }

    // --- the once-published static token --------------------------------------------------------

    @Test
    void theOncePublishedTokenReadsNothing() {
        Answer a005 = fhir("GET", "/STU3/ReferralRequest/000000070000", PUBLISHED_TOKEN, null);
        assertThat(a005.status()).as(a005.body).isEqualTo(401);
        assertThat(a005.diagnostics()).isEqualTo("The access token is not valid or has expired; sign in again.");

        Answer a010 = fhir("POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", PUBLISHED_TOKEN,
                "{\"resourceType\":\"Parameters\"}");
        assertThat(a010.status()).as(a010.body).isEqualTo(401);
        assertThat(a010.diagnostics()).contains("access token is not valid");
        assertThat(a010.body()).doesNotContain("HealthcareService\"");

        // the start's own random token is the key that fits: it gets past the authentication, then, being the
        // application's and no person's, only as far as e-RS's rule on user-restricted operations
        assertThat(simulator.accessToken()).isNotEqualTo(PUBLISHED_TOKEN).hasSizeGreaterThanOrEqualTo(40);
        Answer withCurrent = fhir("GET", "/STU3/ReferralRequest/000000070000", simulator.accessToken(), null);
        assertThat(withCurrent.status()).as(withCurrent.body).isEqualTo(403);
        assertThat(withCurrent.body()).contains("NO_ACCESS", "user-restricted");
        assertThat(fhir("GET", "/STU3/CodeSystem/PRIORITY", simulator.accessToken(), null).status()).isEqualTo(200);
    }

    // --- the token endpoint: signed-JWT client credentials ----------------------------------------

    @Test
    void anAssertionSignedWithTheRegisteredKeyGetsATokenThatWorks() {
        Answer ok = token(signed(REGISTERED.getPrivate(), KEY_ID, tokenUrl(), 240));
        assertThat(ok.status()).as(ok.body).isEqualTo(200);
        String issued = ok.json().path("access_token").asText();
        assertThat(issued).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(simulator.accessToken());
        // application-restricted: it reads reference data, and nothing that needs a person
        assertThat(fhir("GET", "/STU3/CodeSystem/PRIORITY", issued, null).status()).isEqualTo(200);
        assertThat(fhir("GET", "/STU3/ReferralRequest/000000070000", issued, null).status()).isEqualTo(403);
    }

    @Test
    void anUnsignedAssertionGetsNoToken() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}");
        String claims = base64Url(claimsJson(tokenUrl(), 240));
        for (String unsigned : List.of(header + "." + claims + ".", header + "." + claims + ".c2lnbmF0dXJl")) {
            Answer refused = token(unsigned);
            assertThat(refused.status()).as(refused.body).isEqualTo(400);
            assertThat(refused.json().path("error").asText()).isEqualTo("invalid_request");
            assertThat(refused.json().path("error_description").asText()).contains("'alg'").contains("RS512");
            assertThat(refused.json().has("access_token")).isFalse();
        }
        // an RS512 header with the signature left off
        String rs512 = base64Url("{\"alg\":\"RS512\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}");
        Answer noSignature = token(rs512 + "." + claims + ".");
        assertThat(noSignature.status()).as(noSignature.body).isEqualTo(400);
        assertThat(noSignature.json().path("error_description").asText()).contains("header.payload.signature");
        assertThat(noSignature.json().has("access_token")).isFalse();
    }

    @Test
    void aForgedSignatureGetsNoToken() {
        Answer otherKey = token(signed(OTHER.getPrivate(), KEY_ID, tokenUrl(), 240));
        assertThat(otherKey.status()).as(otherKey.body).isEqualTo(401);
        assertThat(otherKey.json().path("error").asText()).isEqualTo("invalid_client");
        assertThat(otherKey.json().path("error_description").asText()).contains("signature");
        assertThat(otherKey.json().has("access_token")).isFalse();

        // a valid assertion's header and claims with the claims changed: the signature no longer fits
        String genuine = signed(REGISTERED.getPrivate(), KEY_ID, tokenUrl(), 240);
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + base64Url(claimsJson(tokenUrl(), 240).replace(API_KEY, "someone-else")) + "." + parts[2];
        Answer changed = token(tampered);
        assertThat(changed.status()).as(changed.body).isEqualTo(401);
        assertThat(changed.json().path("error_description").asText()).contains("signature");

        Answer unknownKid = token(signed(REGISTERED.getPrivate(), "not-registered", tokenUrl(), 240));
        assertThat(unknownKid.status()).as(unknownKid.body).isEqualTo(401);
        assertThat(unknownKid.json().path("error_description").asText()).contains("'kid'").contains("no matching public key");
        assertThat(unknownKid.json().has("access_token")).isFalse();
    }

    @Test
    void anExpiredOrMisaddressedAssertionGetsNoToken() {
        Answer expired = token(signed(REGISTERED.getPrivate(), KEY_ID, tokenUrl(), -30));
        assertThat(expired.status()).as(expired.body).isEqualTo(400);
        assertThat(expired.json().path("error_description").asText()).contains("'exp'").contains("expired");
        assertThat(expired.json().has("access_token")).isFalse();

        Answer tooLong = token(signed(REGISTERED.getPrivate(), KEY_ID, tokenUrl(), 3600));
        assertThat(tooLong.status()).as(tooLong.body).isEqualTo(400);
        assertThat(tooLong.json().path("error_description").asText()).contains("more than 5 minutes");

        Answer otherAudience = token(signed(REGISTERED.getPrivate(), KEY_ID, "https://api.service.nhs.uk/oauth2/token", 240));
        assertThat(otherAudience.status()).as(otherAudience.body).isEqualTo(400);
        assertThat(otherAudience.json().path("error_description").asText()).contains("'aud'").contains(tokenUrl());
        assertThat(otherAudience.json().has("access_token")).isFalse();
    }

    // --- the archived professional session (A001) --------------------------------------------

    @Test
    void aSmartcardTokenTheSimulatorDidNotIssueOpensNoSession() {
        for (String made_up : List.of("smartcard", "smartcard-token", simulator.accessToken())) {
            Answer refused = a001(made_up);
            assertThat(refused.status()).as(refused.body).isEqualTo(401);
            assertThat(refused.diagnostics()).isEqualTo("The smartcard token (token.token) is not valid.");
            assertThat(refused.json().has("id")).isFalse();
        }
        Answer opened = a001(simulator.smartcardToken());
        assertThat(opened.status()).as(opened.body).isEqualTo(201);
        assertThat(opened.json().path("id").asText()).hasSizeGreaterThanOrEqualTo(40);
    }

    // --- callers on other hosts ---------------------------------------------------------------

    @Test
    void aCallerOnAnotherHostIsRefusedBeforeAnything() {
        Optional<InetAddress> own = OwnNetworkAddress.find();
        if (own.isPresent()) { // this machine's own network address: the connection does not come from loopback
            String host = own.get().getHostAddress();
            Answer read = send("GET", "http://" + host + ":" + port + "/ers-sim/FHIR/STU3/ReferralRequest/000000070000",
                    Map.of("Authorization", "Bearer " + simulator.accessToken(), "NHSD-eRS-Business-Function", "REFERRING_CLINICIAN",
                            "NHSD-End-User-Organisation-ODS", "R69"), null);
            assertThat(read.status()).as(read.body).isEqualTo(403);
            assertThat(read.diagnostics()).contains("callers on this host only").contains("ers.simulator.allowed-hosts");
            Answer reset = send("POST", "http://" + host + ":" + port + "/ers-sim/admin/faults", Map.of("Authorization",
                    basic("admin"), "Content-Type", "application/json"), "{\"operation\":\"A005\",\"status\":500}");
            assertThat(reset.status()).as(reset.body).isEqualTo(403);
        } else { // no network address at all: the same filter the application registered, with a remote address
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ers-sim/FHIR/STU3/ReferralRequest/000000070000");
            request.setRemoteAddr("203.0.113.9");
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                localCallersOnly().doFilter(request, response, new MockFilterChain());
                assertThat(response.getStatus()).isEqualTo(403);
                assertThat(response.getContentAsString()).contains("ers.simulator.allowed-hosts");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        JsonNode calls = admin("GET", "/ers-sim/admin/calls").json();
        assertThat(calls.path("A005").asInt()).as("the refused call never reached e-RS's gate").isZero();
        // an armed fault would answer before the access check: the application token's refusal shows none
        Answer afterwards = fhir("GET", "/STU3/ReferralRequest/000000070000", simulator.accessToken(), null);
        assertThat(afterwards.status()).as("no fault was armed: " + afterwards.body).isEqualTo(403);
    }

    @Test
    void faultsThatCutConnectionsOrHitAShareOfCallsAreForAdministratorsOnly() {
        String reset = "{\"operation\":\"A011\",\"reset\":true,\"rate\":0.5,\"times\":100}";
        String url = "http://localhost:" + port + "/ers-sim/admin/faults";
        assertThat(send("POST", url, Map.of("Content-Type", "application/json"), reset).status()).isEqualTo(401);
        assertThat(send("POST", url, Map.of("Authorization", basic("coordinator"), "Content-Type", "application/json"), reset)
                .status()).isEqualTo(403);
        assertThat(send("GET", url + "/injected", Map.of(), null).status()).isEqualTo(401);
        assertThat(send("GET", url + "/injected", Map.of("Authorization", basic("coordinator")), null).status()).isEqualTo(403);
        assertThat(admin("GET", "/ers-sim/admin/faults").json()).as("nothing armed").isEmpty();
        assertThat(admin("GET", "/ers-sim/admin/faults/injected").status()).isEqualTo(200);
    }

    // --- what configuration prints ----------------------------------------------------------

    @Test
    void noConfigurationPrintsATokenOrKey() {
        List<String> secrets = List.of(simulator.accessToken(), simulator.smartcardToken(), API_KEY,
                Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(REGISTERED.getPublic().getEncoded()).substring(0, 40));
        Map<String, Object> properties = new LinkedHashMap<>(context.getBeansWithAnnotation(ConfigurationProperties.class));
        assertThat(properties).isNotEmpty();
        assertThat(properties.values()).anyMatch(p -> p.getClass().getSimpleName().equals("SimulatorProperties"))
                .anyMatch(ErsProperties.class::isInstance);
        properties.forEach((name, bean) -> {
            String printed = String.valueOf(bean);
            secrets.forEach(secret -> assertThat(printed).as(name).doesNotContain(secret));
        });
        assertThat(context.getBean(ErsProperties.class).toString()).contains("apiKey=***").contains("keyId=" + KEY_ID);

        ErsProperties.Auth auth = new ErsProperties.Auth("signed-jwt", "bearer-secret-1", "api-secret-2", "kid-3", null,
                "/keys/app.pem", "-----BEGIN PRIVATE KEY-----\nMIIsecret4\n-----END PRIVATE KEY-----", "200000000001", null);
        String printed = new ErsProperties("https://int.api.service.nhs.uk/referrals/FHIR", "R69", "REFERRING_CLINICIAN", null,
                "create-then-send", null, null, null, 20, 3, auth).toString();
        assertThat(printed).doesNotContain("bearer-secret-1", "api-secret-2", "MIIsecret4")
                .contains("token=***", "apiKey=***", "privateKey=***", "kid-3", "/keys/app.pem", "R69");
        assertThat(new SecurityProperties(true, "pw-secret-5", new SecurityProperties.FirstAdmin("ops", "pw-secret-6", null),
                new SecurityProperties.Login(5, java.time.Duration.ofMinutes(15), java.time.Duration.ofMinutes(5))).toString())
                .doesNotContain("pw-secret-5", "pw-secret-6").contains("***");
    }

    // --- helpers ------------------------------------------------------------------------------

    private String tokenUrl() {
        return "http://localhost:" + port + "/ers-sim/oauth2/token";
    }

    private static String claimsJson(String aud, long expSeconds) {
        return "{\"iss\":\"" + API_KEY + "\",\"sub\":\"" + API_KEY + "\",\"aud\":\"" + aud + "\",\"jti\":\""
                + UUID.randomUUID() + "\",\"exp\":" + (Instant.now().getEpochSecond() + expSeconds) + "}";
    }

    private static String signed(PrivateKey key, String kid, String aud, long expSeconds) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).type(JOSEObjectType.JWT).keyID(kid).build(),
                    new JWTClaimsSet.Builder().issuer(API_KEY).subject(API_KEY).audience(aud).jwtID(UUID.randomUUID().toString())
                            .expirationTime(Date.from(Instant.now().plusSeconds(expSeconds))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer token(String assertion) {
        String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        return send("POST", tokenUrl(), Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
    }

    private Answer a001(String smartcardToken) {
        return send("POST", "http://localhost:" + port + "/ers-sim/ers-api/v1/ProfessionalSession",
                Map.of("XAPI_ASID", "200000000001", "Content-Type", "application/json"),
                "{\"typeInfo\":\"uk.nhs.ers.xapi.dto.v1.session.ProfessionalSession\",\"token\":{\"token\":\"" + smartcardToken + "\"}}");
    }

    private Answer fhir(String method, String path, String token, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN");
        headers.put("NHSD-End-User-Organisation-ODS", "R69");
        headers.put("Accept", "application/fhir+json");
        if (body != null) {
            headers.put("Content-Type", "application/fhir+json");
        }
        return send(method, "http://localhost:" + port + "/ers-sim/FHIR" + path, headers, body);
    }

    private Answer admin(String method, String path) {
        return send(method, "http://localhost:" + port + path, Map.of("Authorization", basic("admin"),
                "Content-Type", "application/json"), "POST".equals(method) ? "{}" : null);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + LiveApplication.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private Answer send(String method, String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Filter localCallersOnly() {
        return context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                .filter(r -> "simulator-local-callers-only".equals(r.getFilterName())).map(r -> (Filter) r.getFilter())
                .findFirst().orElseThrow();
    }


    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
