package org.ersreferral.security.machine;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import org.camunda.bpm.engine.IdentityService;
import org.ersreferral.security.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Machine clients (GP systems on {@code /api/referrals}, analysts' tools on {@code /api/analytics},
 * automation on {@code /engine-rest}) authenticate with a bearer token (JWT) of the configured issuer:
 * signature by the issuer's keys, issuer, audience and expiry are checked here. A request with a
 * valid token goes on as that {@link MachineClient}; who may call what is still decided by the
 * application's filters (the same group rules as for basic authentication, and for
 * {@code /engine-rest} the engine's authorizations and tenants), which read the client from the
 * security context. The chain sees only requests of these paths that carry a bearer token, so a
 * signed-in browser's calls and basic authentication go their own ways.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MachineClientsOn.class)
class MachineClientSecurity {

    /** Before the people's sign-in chain, which would otherwise take {@code /api/**} too; the simulator's paths are apart. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

    @Bean
    @Order(ORDER)
    SecurityFilterChain machineClientFilters(HttpSecurity http, MachineClientProperties properties,
                                             IdentityService identityService) throws Exception {
        if (properties.audience() == null || properties.audience().isBlank()) {
            throw new IllegalStateException("referral.security.machine-clients.issuer (ERS_API_ISSUER) is set but not the"
                    + " audience its tokens are for: set referral.security.machine-clients.audience (ERS_API_AUDIENCE)");
        }
        MachineClientTokens clients = new MachineClientTokens(properties,
                id -> identityService.createUserQuery().userId(id).count() > 0);
        return http
                .securityMatcher(MachineClientSecurity::bearerTokenOnApi)
                // Access is decided by the application's filters behind this chain, with the client's groups.
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder(properties)).jwtAuthenticationConverter(clients))
                        .authenticationEntryPoint(refused()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookies, so no cross-site forgery; the edge filters set the headers.
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    private static final RequestMatcher API = apiPaths();

    private static RequestMatcher apiPaths() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(paths.matcher("/api/referrals/**"), paths.matcher("/api/analytics/**"),
                paths.matcher("/engine-rest/**"));
    }

    static boolean bearerTokenOnApi(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && API.matches(request);
    }

    /**
     * The issuer's keys from {@code jwk-set-uri}, or from its discovery document at the first token
     * (so the application starts while the issuer is down). Tokens without an expiry are refused too.
     */
    static JwtDecoder decoder(MachineClientProperties properties) {
        String audience = properties.audience().strip();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer().strip()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().strip()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuer().strip()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    /** Spring's {@code WWW-Authenticate: Bearer error=...} answer, with the application's problem body. */
    private static AuthenticationEntryPoint refused() {
        BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
        challenge.setRealmName(Problems.REALM);
        return (request, response, failure) -> {
            challenge.commence(request, response, failure);
            Problems.write(response, response.getStatus(), "Unauthorized", "The bearer token is not accepted");
        };
    }
}
