package org.ersreferral.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real Spring Authorization Server on a free port that gives machine clients JWT access tokens by
 * {@code client_credentials}, as a GP system's identity provider would. One per JVM: the shared
 * running application trusts it ({@link RunningApplicationTest}); it stops with the JVM. Its signing
 * key is known here, so tests can also make tokens it would never issue (expired, of another audience).
 */
public final class MachineTokenServer {

    /** The audience the application is configured with; the server's tokens carry it unless a client says otherwise. */
    public static final String AUDIENCE = "ers-referral-api";
    /** A GP system of the application's own organisation, with the coordinators' scope. */
    public static final String GP_SYSTEM = "gp-system";
    /** A GP system of the second demo organisation (RXB), with the coordinators' scope. */
    public static final String OTHER_GP_SYSTEM = "gp-system-rxb";
    /** An analysts' reporting tool with the analysts' scope. */
    public static final String ANALYTICS_TOOL = "analytics-tool";
    /** A client whose scopes are named like administration but that no mapping gives a group. */
    public static final String SELF_MADE_ADMIN = "self-made-admin";
    /** A client whose tokens are for another API (another audience). */
    public static final String OTHER_API_CLIENT = "other-api-client";
    public static final String OTHER_AUDIENCE = "some-other-api";
    private static final String AUDIENCE_SETTING = "test.audience";

    private static MachineTokenServer shared;

    private final RSAKey signingKey;
    private final String secret = UUID.randomUUID().toString();
    private final String issuer;
    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MachineTokenServer() {
        try {
            signingKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        int port = RunningApplicationTest.freePort();
        issuer = "http://127.0.0.1:" + port;
        context = new SpringApplicationBuilder(Server.class)
                .web(WebApplicationType.SERVLET)
                .initializers(c -> c.getBeanFactory().registerSingleton("machineTokenServer", this))
                .properties(Map.of(
                        // none of the application's own configuration
                        "spring.config.name", "machine-token-server",
                        "spring.main.banner-mode", "off",
                        "server.port", port,
                        "server.address", "127.0.0.1",
                        "spring.security.oauth2.authorizationserver.issuer", issuer))
                .run();
    }

    /** The server of this JVM, started at the first call. */
    public static synchronized MachineTokenServer shared() {
        if (shared == null) {
            shared = new MachineTokenServer();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.context::close, "machine-token-server-stop"));
        }
        return shared;
    }

    /** The application's settings for trusting this server: issuer, audience, and the test clients' organisations. */
    public void configure(DynamicPropertyRegistry registry, String homeOrganisation, String otherOrganisation) {
        registry.add("referral.security.machine-clients.issuer", this::issuer);
        registry.add("referral.security.machine-clients.audience", () -> AUDIENCE);
        registry.add("referral.security.machine-clients.client-organisations", () -> GP_SYSTEM + "=" + homeOrganisation + ","
                + OTHER_GP_SYSTEM + "=" + otherOrganisation + "," + ANALYTICS_TOOL + "=" + homeOrganisation + ","
                + SELF_MADE_ADMIN + "=" + homeOrganisation + "," + OTHER_API_CLIENT + "=" + homeOrganisation);
    }

    public String issuer() {
        return issuer;
    }

    /** An access token for {@code clientId}, from the token endpoint by {@code client_credentials} with all its scopes. */
    public String token(String clientId) {
        // Spring Authorization Server grants only the scopes a client_credentials request asks for.
        String scopes = String.join(" ", context.getBean(RegisteredClientRepository.class).findByClientId(clientId).getScopes());
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret(clientId)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scopes, StandardCharsets.UTF_8))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = new ObjectMapper().readTree(response.body());
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token with these claims signed with this server's own key (RS256), which the server itself would never issue. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, signingKey);
    }

    /** A token with these claims signed with {@code key}. */
    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each client's own secret (the server refuses two clients with one secret). */
    private String secret(String clientId) {
        return secret + "-" + clientId;
    }

    private RegisteredClient client(String clientId, String audience, String... scopes) {
        RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + secret(clientId))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(ClientSettings.builder().setting(AUDIENCE_SETTING, audience).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(5)).build());
        for (String scope : scopes) {
            client.scope(scope);
        }
        return client.build();
    }

    /** Not a @Configuration, so the application's component scan never picks it up. */
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class,
            SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    static class Server {

        @Bean
        RegisteredClientRepository clients(MachineTokenServer server) {
            return new InMemoryRegisteredClientRepository(List.of(
                    server.client(GP_SYSTEM, AUDIENCE, "referrals.write"),
                    server.client(OTHER_GP_SYSTEM, AUDIENCE, "referrals.write"),
                    server.client(ANALYTICS_TOOL, AUDIENCE, "analytics.read"),
                    server.client(SELF_MADE_ADMIN, AUDIENCE, "camunda-admin", "admin"),
                    server.client(OTHER_API_CLIENT, OTHER_AUDIENCE, "referrals.write")));
        }

        @Bean
        JWKSource<SecurityContext> signingKeys(MachineTokenServer server) {
            return new ImmutableJWKSet<>(new JWKSet(server.signingKey));
        }

        /** The audience of each client's tokens (by default Spring Authorization Server names the client itself). */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> audience() {
            return context -> context.getClaims().audience(
                    List.of(context.getRegisteredClient().getClientSettings().<String>getSetting(AUDIENCE_SETTING)));
        }

        /** No people sign in here; Spring Boot would otherwise make a user with a generated password. */
        @Bean
        UserDetailsService nobody() {
            return new InMemoryUserDetailsManager();
        }
    }
}
