package org.ersreferral.security.tokens;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.servlet.Filter;
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
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real Spring Authorization Server on a free port, for the refresh tests: one user, and two
 * registrations of the application's confidential client (PKCE, opaque tokens, refresh tokens rotated
 * on every use), one whose refresh tokens live an hour and one whose refresh tokens live
 * {@link #SHORT_REFRESH_LIFETIME}. Signing in runs the authorization code flow over HTTP, as a browser would.
 */
final class TestAuthorizationServer implements AutoCloseable {

    static final String CLIENT_ID = "ers-referral";
    static final String SHORT_LIVED_CLIENT_ID = "ers-referral-short";
    static final Duration SHORT_REFRESH_LIFETIME = Duration.ofSeconds(2);
    static final String USER = "coordinator";
    private static final String PASSWORD = "sign-in-password";
    private static final String REDIRECT_URI = "http://127.0.0.1/login/oauth2/code/cis2";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String clientSecret = UUID.randomUUID().toString();
    private final ConfigurableApplicationContext context;
    private final String baseUrl;
    /** Refresh-token grants the token endpoint has received. */
    final AtomicInteger refreshGrants;

    TestAuthorizationServer() {
        AtomicInteger grants = new AtomicInteger();
        context = new SpringApplicationBuilder(Server.class)
                .web(WebApplicationType.SERVLET)
                .initializers(c -> c.getBeanFactory().registerSingleton("refreshGrants", grants))
                .properties(properties())
                .run();
        refreshGrants = grants;
        baseUrl = "http://127.0.0.1:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    private Map<String, Object> properties() {
        String prefix = "spring.security.oauth2.authorizationserver.client.";
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                // none of the application's own configuration
                "spring.config.name", "test-authorization-server",
                "spring.main.banner-mode", "off",
                "server.port", "0",
                "server.address", "127.0.0.1"));
        for (String client : new String[]{CLIENT_ID, SHORT_LIVED_CLIENT_ID}) {
            String at = prefix + client + ".";
            properties.put(at + "registration.client-id", client);
            properties.put(at + "registration.client-secret", "{noop}" + secret(client));
            properties.put(at + "registration.client-authentication-methods", "client_secret_basic");
            properties.put(at + "registration.authorization-grant-types", "authorization_code,refresh_token");
            properties.put(at + "registration.redirect-uris", REDIRECT_URI);
            properties.put(at + "registration.scopes", "profile,nationalrbacaccess");
            properties.put(at + "require-proof-key", "true");
            properties.put(at + "require-authorization-consent", "false");
            properties.put(at + "token.access-token-format", "reference");
            properties.put(at + "token.access-token-time-to-live", "10m");
            properties.put(at + "token.reuse-refresh-tokens", "false");
            properties.put(at + "token.refresh-token-time-to-live",
                    client.equals(CLIENT_ID) ? "1h" : SHORT_REFRESH_LIFETIME.toSeconds() + "s");
        }
        return properties;
    }

    /** Each client's own secret (the server refuses two clients with one secret). */
    private String secret(String clientId) {
        return clientSecret + "-" + clientId;
    }

    /** The application's registration (id {@code cis2}) of {@code clientId} at this server. */
    ClientRegistration registration(String clientId) {
        return ClientRegistration.withRegistrationId(UserErsTokens.REGISTRATION_ID)
                .clientId(clientId)
                .clientSecret(secret(clientId))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .scope("profile", "nationalrbacaccess")
                .authorizationUri(baseUrl + "/oauth2/authorize")
                .tokenUri(baseUrl + "/oauth2/token")
                .build();
    }

    /**
     * {@link #USER} signs in (authorization code with PKCE) and the code is exchanged, as Spring
     * Security's {@code oauth2Login} does: the client it would store.
     */
    OAuth2AuthorizedClient signIn(ClientRegistration registration) throws IOException, InterruptedException {
        String verifier = random();
        String state = random();
        OAuth2AuthorizationRequest authorization = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId())
                .redirectUri(REDIRECT_URI)
                .scopes(registration.getScopes())
                .state(state)
                .attributes(Map.of(PkceParameterNames.CODE_VERIFIER, verifier))
                .additionalParameters(Map.of(PkceParameterNames.CODE_CHALLENGE, challenge(verifier),
                        PkceParameterNames.CODE_CHALLENGE_METHOD, "S256"))
                .build();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> toLogin = get(browser, authorization.getAuthorizationRequestUri());
        HttpResponse<String> loginPage = get(browser, location(toLogin));
        Matcher csrf = CSRF.matcher(loginPage.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page: " + loginPage.statusCode());
        }
        String form = "username=" + USER + "&password=" + PASSWORD + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> toApplication = get(browser, location(signedIn));
        String redirect = location(toApplication);
        if (!redirect.startsWith(REDIRECT_URI + "?")) {
            throw new IllegalStateException("the authorization server did not send the browser back with a code: " + redirect);
        }
        Map<String, String> parameters = org.springframework.web.util.UriComponentsBuilder.fromUriString(redirect).build()
                .getQueryParams().toSingleValueMap();
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(parameters.get("code"))
                .redirectUri(REDIRECT_URI).state(parameters.get("state")).build();
        OAuth2AccessTokenResponse tokens = new RestClientAuthorizationCodeTokenResponseClient().getTokenResponse(
                new OAuth2AuthorizationCodeGrantRequest(registration, new OAuth2AuthorizationExchange(authorization, response)));
        return new OAuth2AuthorizedClient(registration, USER, tokens.getAccessToken(), tokens.getRefreshToken());
    }

    private static HttpResponse<String> get(HttpClient browser, String uri) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() ->
                new IllegalStateException("expected a redirect from " + response.uri() + ", got " + response.statusCode()));
        return location.startsWith("/") ? baseUrl + location : location;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** Not a @Configuration, so the application's component scan never picks it up. */
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class,
            SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
    static class Server {

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).roles("USER").build());
        }

        /** Counts refresh grants before the authorization server sees them. */
        @Bean
        FilterRegistrationBean<Filter> refreshGrantCounter(AtomicInteger refreshGrants) {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                jakarta.servlet.http.HttpServletRequest http = (jakarta.servlet.http.HttpServletRequest) request;
                if ("POST".equals(http.getMethod()) && http.getRequestURI().equals("/oauth2/token")
                        && "refresh_token".equals(http.getParameter("grant_type"))) {
                    refreshGrants.incrementAndGet();
                }
                chain.doFilter(request, response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
