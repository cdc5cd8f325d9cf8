package org.ersreferral.simulator;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.security.EmbeddedCis2Client;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The simulator plays NHS CIS2 and the NHS API platform's user-restricted sign-in ("combined"
 * pattern) with Spring Authorization Server: issuer {@code {application}/ers-sim}, authorization
 * code with PKCE, refresh tokens (rotated: every refresh gives a new refresh token and ends the
 * old one), revocation, OpenID Connect with CIS2's claims in the ID token and userinfo, and
 * RP-initiated logout. People sign in on {@link SmartcardSignInPage}. The signing key and the
 * authorizations are kept by {@link Cis2Authorizations}. Its chain sees only the simulator's
 * sign-in paths and comes before the application's own, which keeps everything else; a signed-JWT
 * {@code client_credentials} request to the token endpoint goes past it, to {@link TokenController},
 * as before. It also plays the platform's exchange of a CIS2 ID token for the person's e-RS token
 * (the "separate" pattern, {@link Cis2TokenExchange}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
class Cis2AuthorizationServer {

    static final String ISSUER_PATH = EmbeddedCis2Client.ISSUER_PATH;
    static final String AUTHORIZE = ISSUER_PATH + "/oauth2/authorize";
    static final String TOKEN = ISSUER_PATH + "/oauth2/token";
    static final String SIGN_IN = ISSUER_PATH + "/cis2/sign-in";
    static final String CLIENT_ID = "ers-referral";
    static final String NATIONAL_RBAC_SCOPE = "nationalrbacaccess";
    static final String USER_ID_CLAIM = "nhsid_useruid";
    static final String ROLES_CLAIM = "nhsid_nrbac_roles";
    private static final String SESSION_PREFIX = "org.ersreferral.simulator.CIS2_";
    /** The client secret is 256 random bits, so a cheap hash is enough; bcrypt compares in constant time. */
    private static final PasswordEncoder SECRETS = new BCryptPasswordEncoder(4);
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    /** The application's client, its secret random per start. */
    @Bean
    EmbeddedCis2Client embeddedCis2Client() {
        String secret = AccessTokens.random();
        return new EmbeddedCis2Client() {
            @Override
            public String clientId() {
                return CLIENT_ID;
            }

            @Override
            public String clientSecret() {
                return secret;
            }

            @Override
            public String toString() {
                return "EmbeddedCis2Client[clientId=" + CLIENT_ID + ", clientSecret=***]";
            }
        };
    }

    /** The client, token generator and authorizations the endpoints and the in-process demo sign-in share. */
    @Bean
    Cis2Grants cis2Grants(EmbeddedCis2Client client, Cis2Properties lifetimes, Cis2Authorizations authorizations) {
        JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(authorizations.signingKeys()));
        jwts.setJwtCustomizer(context -> addCis2Claims(context, lifetimes.accessTokenLifetime()));
        return new Cis2Grants(registeredClient(client, SECRETS, lifetimes),
                new DelegatingOAuth2TokenGenerator(jwts, new OAuth2RefreshTokenGenerator()), authorizations.service());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain cis2AuthorizationServerFilters(HttpSecurity http, Cis2Grants grants, Cis2Properties lifetimes,
                                                       Cis2Authorizations authorizations, ClientKeys clientKeys,
                                                       ErsProperties ers) throws Exception {
        JWKSource<SecurityContext> signingKeys = authorizations.signingKeys();
        http.setSharedObject(JWKSource.class, signingKeys);
        Cis2TokenExchange exchange = new Cis2TokenExchange(clientKeys);
        List<RegisteredClient> clients = new ArrayList<>(List.of(grants.client()));
        Cis2TokenExchange.platformClient(ers.authOrDefault().apiKey(), lifetimes.accessTokenLifetime()).ifPresent(clients::add);

        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        // configured once applied, since its settings go on the chain being built
        Customizer<OAuth2AuthorizationServerConfigurer> settings = configurer -> configurer
                .registeredClientRepository(new InMemoryRegisteredClientRepository(clients))
                .authorizationService(authorizations.service())
                // the path of the issuer selects it, so every endpoint sits below /ers-sim
                .authorizationServerSettings(AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build())
                .tokenGenerator(grants.tokens())
                .clientAuthentication(authentication -> authentication
                        .authenticationConverter(exchange.clientAssertions())
                        .authenticationProviders(providers -> providers.forEach(provider -> {
                            if (provider instanceof ClientSecretAuthenticationProvider secretCheck) {
                                secretCheck.setPasswordEncoder(SECRETS);
                            } else if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
                                assertions.setJwtDecoderFactory(exchange.assertionDecoders());
                            }
                        })))
                // the platform's exchange of a CIS2 ID token, in place of the stock exchange of access tokens
                .tokenEndpoint(endpoint -> endpoint
                        .accessTokenRequestConverter(exchange.idTokenExchanges())
                        .authenticationProvider(exchange.exchanges(authorizations.service(), grants.tokens()))
                        .authenticationProviders(providers -> providers.removeIf(
                                provider -> provider instanceof OAuth2TokenExchangeAuthenticationProvider)))
                .authorizationEndpoint(endpoint -> endpoint.authenticationProviders(providers -> providers.forEach(provider -> {
                    if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
                        requests.setAuthenticationValidator(Cis2AuthorizationServer::validateOnApplicationBase);
                    }
                })))
                .oidc(oidc -> oidc
                        .userInfoEndpoint(userInfo -> userInfo.userInfoMapper(Cis2AuthorizationServer::userInfo))
                        .logoutEndpoint(logout -> logout.authenticationProviders(providers -> providers.forEach(provider -> {
                            if (provider instanceof OidcLogoutAuthenticationProvider logouts) {
                                logouts.setAuthenticationValidator(Cis2AuthorizationServer::validateLogoutRedirect);
                            }
                        }))));
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher servedHere = new OrRequestMatcher(
                paths.matcher(AUTHORIZE), paths.matcher(TOKEN), paths.matcher(ISSUER_PATH + "/oauth2/jwks"),
                paths.matcher(ISSUER_PATH + "/oauth2/revoke"), paths.matcher(ISSUER_PATH + "/oauth2/introspect"),
                paths.matcher(ISSUER_PATH + "/userinfo"), paths.matcher(ISSUER_PATH + "/connect/logout"),
                paths.matcher(ISSUER_PATH + "/.well-known/openid-configuration"), paths.matcher(SIGN_IN));
        RequestMatcher tokenEndpoint = paths.matcher(TOKEN);
        // The simulator shares the browser's session with the application, which signs in through it:
        // its sign-in, saved request and CSRF token keep to session attributes of their own.
        HttpSessionSecurityContextRepository signedIn = new HttpSessionSecurityContextRepository();
        signedIn.setSpringSecurityContextKey(SESSION_PREFIX + "SECURITY_CONTEXT");
        HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();
        savedRequests.setSessionAttrName(SESSION_PREFIX + "SAVED_REQUEST");
        HttpSessionCsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(SESSION_PREFIX + "CSRF_TOKEN");
        return http
                .securityMatcher(request -> servedHere.matches(request)
                        && !(tokenEndpoint.matches(request) && isSignedJwtClientCredentials(request)))
                .with(server, settings)
                .securityContext(context -> context.securityContextRepository(signedIn))
                .requestCache(cache -> cache.requestCache(savedRequests))
                .authorizeHttpRequests(requests -> requests.requestMatchers(paths.matcher(SIGN_IN)).permitAll()
                        .anyRequest().authenticated())
                .formLogin(signIn -> signIn.loginPage(SIGN_IN).loginProcessingUrl(SIGN_IN).usernameParameter("user"))
                .authenticationProvider(new SmartcardInserted())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).ignoringRequestMatchers(server.getEndpointsMatcher()))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(SIGN_IN), paths.matcher(AUTHORIZE)))
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(authorizations.accessTokenDecoder())))
                .build();
    }

    /**
     * A token request for the application's signed-JWT access (application-restricted), which keeps its
     * own endpoint code; a token exchange, signed the same way, is this server's ({@link Cis2TokenExchange}).
     */
    static boolean isSignedJwtClientCredentials(HttpServletRequest request) {
        return HttpMethod.POST.matches(request.getMethod()) && !Cis2TokenExchange.isTokenExchange(request)
                && (AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(request.getParameter("grant_type"))
                || request.getParameter("client_assertion") != null || request.getParameter("client_assertion_type") != null);
    }

    private static RegisteredClient registeredClient(EmbeddedCis2Client client, PasswordEncoder secrets, Cis2Properties lifetimes) {
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(client.clientId())
                .clientSecret(secrets.encode(client.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                // relative: the simulator runs inside the application, so its base is the request's (see validateOnApplicationBase)
                .redirectUri(EmbeddedCis2Client.REDIRECT_PATH)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(NATIONAL_RBAC_SCOPE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(lifetimes.accessTokenLifetime())
                        .refreshTokenTimeToLive(lifetimes.refreshTokenLifetime())
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }

    /**
     * The application's base URLs as this request reached the simulator: the issuer without its
     * path, and on a loopback host the same port under its other loopback names, since a browser on
     * this machine may know the application as localhost or 127.0.0.1 and its sign-in as the other.
     */
    static List<String> applicationBases() {
        String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
        String base = issuer.endsWith(ISSUER_PATH) ? issuer.substring(0, issuer.length() - ISSUER_PATH.length()) : issuer;
        URI uri = URI.create(base);
        if (uri.getHost() == null || !LOOPBACK_NAMES.contains(uri.getHost())) {
            return List.of(base);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return LOOPBACK_NAMES.stream().map(host -> uri.getScheme() + "://" + host + port).toList();
    }

    /**
     * Redirect URIs are registered relative to the application; they are made absolute with the
     * request's own base and must match exactly, then Spring Authorization Server's checks (redirect
     * URI, scopes, PKCE) run as usual.
     */
    private static void validateOnApplicationBase(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        List<String> bases = applicationBases();
        RegisteredClient absolute = RegisteredClient.from(context.getRegisteredClient())
                .redirectUris(uris -> {
                    Set<String> resolved = uris.stream()
                            .flatMap(uri -> uri.startsWith("/") ? bases.stream().map(base -> base + uri) : Stream.of(uri))
                            .collect(Collectors.toSet());
                    uris.clear();
                    uris.addAll(resolved);
                })
                .build();
        OAuth2AuthorizationCodeRequestAuthenticationToken asked = context.getAuthentication();
        if (asked.getRedirectUri() != null && !absolute.getRedirectUris().contains(asked.getRedirectUri())) {
            // exact match, also on loopback (Spring's check allows any port there); no redirect to an unknown URI
            throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: redirect_uri", null),
                    new OAuth2AuthorizationCodeRequestAuthenticationToken(asked.getAuthorizationUri(), asked.getClientId(),
                            (Authentication) asked.getPrincipal(), null, asked.getState(), asked.getScopes(),
                            asked.getAdditionalParameters()));
        }
        OAuth2AuthorizationCodeRequestAuthenticationContext.Builder resolved =
                OAuth2AuthorizationCodeRequestAuthenticationContext.with(context.getAuthentication()).registeredClient(absolute);
        OAuth2AuthorizationRequest request = context.get(OAuth2AuthorizationRequest.class);
        if (request != null) {
            resolved.authorizationRequest(request);
        }
        new OAuth2AuthorizationCodeRequestAuthenticationValidator().accept(resolved.build());
    }

    /** After logout the browser may go back to a page of the application, and nowhere else. */
    private static void validateLogoutRedirect(OidcLogoutAuthenticationContext context) {
        OidcLogoutAuthenticationToken logout = context.getAuthentication();
        String target = logout.getPostLogoutRedirectUri();
        if (target != null && applicationBases().stream().noneMatch(base -> target.equals(base) || target.startsWith(base + "/"))) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "OAuth 2.0 Parameter: post_logout_redirect_uri (must be a page of the application)", null));
        }
    }

    /** CIS2's claims in the ID token: the user id, the name and, with {@code nationalrbacaccess}, the roles; its lifetime. */
    private static void addCis2Claims(JwtEncodingContext context, Duration lifetime) {
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            return;
        }
        // an ID token lives as long as the access token (Spring's default is a fixed 30 minutes)
        Instant issuedAt = context.getClaims().build().getIssuedAt();
        context.getClaims().expiresAt((issuedAt == null ? Instant.now() : issuedAt).plus(lifetime));
        SmartcardUsers.byUserId(context.getPrincipal().getName()).ifPresent(user ->
                context.getClaims().claims(claims -> claims.putAll(cis2Claims(user, context.getAuthorizedScopes()))));
    }

    private static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context) {
        OAuth2Authorization authorization = context.getAuthorization();
        SmartcardUsers.User user = SmartcardUsers.byUserId(authorization.getPrincipalName())
                .orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.userId());
        claims.putAll(cis2Claims(user, context.getAccessToken().getScopes()));
        return new OidcUserInfo(claims);
    }

    private static Map<String, Object> cis2Claims(SmartcardUsers.User user, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(USER_ID_CLAIM, user.userId());
        if (scopes.contains(OidcScopes.PROFILE)) {
            claims.put("name", user.name());
        }
        if (scopes.contains(NATIONAL_RBAC_SCOPE)) {
            claims.put(ROLES_CLAIM, user.rolesClaim());
        }
        return claims;
    }

    /**
     * Signing in is choosing a smartcard on the sign-in page: whoever reaches the simulator (this
     * host only, see {@link LocalCallersOnly}) may be any of its users, with no passcode.
     */
    static final class SmartcardInserted implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication authentication) throws AuthenticationException {
            SmartcardUsers.User user = SmartcardUsers.byUserId(authentication.getName())
                    .orElseThrow(() -> new BadCredentialsException("No such smartcard"));
            return UsernamePasswordAuthenticationToken.authenticated(user.userId(), null,
                    AuthorityUtils.createAuthorityList("ROLE_CIS2_USER"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
