package org.ersreferral.simulator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Key;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * The NHS API platform's token exchange for the "separate" CIS2 pattern, played by Spring
 * Authorization Server: the application (registered client: its API key, its public key in
 * {@link ClientKeys}) sends a person's CIS2 ID token, issued by this server, and gets that person's
 * user-restricted access token. Spring Authorization Server exchanges access tokens and JWTs only; here
 * its own provider does the exchange, finding the subject's authorization by the ID token instead. The
 * client authenticates as on the platform: a client assertion (RS512, {@code iss} = {@code sub} = API
 * key, {@code aud} the token URL, unique {@code jti}, {@code exp} at most five minutes ahead) and no
 * {@code client_id}. Anything else is refused: other subject token types, actor tokens, other keys.
 */
final class Cis2TokenExchange {

    static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
    private static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final ClientAuthenticationMethod JWT_ASSERTION =
            new ClientAuthenticationMethod("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5).plusSeconds(5);
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final ClientKeys keys;
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();

    Cis2TokenExchange(ClientKeys keys) {
        this.keys = keys;
    }

    /** The application as the platform knows it: its API key, signed assertions, exchanges only. */
    static Optional<RegisteredClient> platformClient(String apiKey, Duration accessTokenLifetime) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(apiKey.trim())
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
                // the scopes the person signed in with pass to their exchanged token
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(Cis2AuthorizationServer.NATIONAL_RBAC_SCOPE)
                .clientSettings(ClientSettings.builder().tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS512).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(accessTokenLifetime).build())
                .build());
    }

    /** A client assertion without {@code client_id}: the client is the one its {@code iss} names, if the signature agrees. */
    AuthenticationConverter clientAssertions() {
        return request -> {
            String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
            if (!JWT_ASSERTION.getValue().equals(request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE))
                    || assertion == null || request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null) {
                return null;
            }
            String issuer;
            try {
                issuer = SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
            } catch (ParseException | RuntimeException e) {
                issuer = null;
            }
            if (issuer == null || issuer.isBlank()) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                        "Missing 'iss' claim in client_assertion JWT", null));
            }
            return new OAuth2ClientAuthenticationToken(issuer, JWT_ASSERTION, assertion, Map.of());
        };
    }

    /** Verifies client assertions against the registered public key of their {@code kid}, as {@link TokenController} does. */
    JwtDecoderFactory<RegisteredClient> assertionDecoders() {
        return client -> {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
            processor.setJWSKeySelector((header, context) -> JWSAlgorithm.RS512.equals(header.getAlgorithm())
                    ? keys.forKid(header.getKeyID()).map(key -> List.<Key>of(key)).orElse(List.of()) : List.of());
            // the claims are checked by the validators below
            processor.setJWTClaimsSetVerifier((claims, context) -> {
            });
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    new JwtClaimValidator<String>(JwtClaimNames.ISS, client.getClientId()::equals),
                    new JwtClaimValidator<String>(JwtClaimNames.SUB, client.getClientId()::equals),
                    new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audience -> audience.equals(List.of(tokenUrl()))),
                    new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp.isBefore(Instant.now().plus(MAX_ASSERTION_LIFETIME))),
                    new JwtTimestampValidator(Duration.ZERO),
                    unusedJti()));
            return decoder;
        };
    }

    /** {@code grant_type} token exchange with an ID token: the platform's request, which the stock converter does not take. */
    AuthenticationConverter idTokenExchanges() {
        return request -> {
            if (!AuthorizationGrantType.TOKEN_EXCHANGE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                    || !ID_TOKEN_TYPE.equals(request.getParameter(OAuth2ParameterNames.SUBJECT_TOKEN_TYPE))) {
                return null;
            }
            String[] subject = request.getParameterValues(OAuth2ParameterNames.SUBJECT_TOKEN);
            if (subject == null || subject.length != 1 || subject[0].isBlank()) {
                throw invalidRequest(OAuth2ParameterNames.SUBJECT_TOKEN);
            }
            if (request.getParameter(OAuth2ParameterNames.ACTOR_TOKEN) != null
                    || request.getParameter(OAuth2ParameterNames.ACTOR_TOKEN_TYPE) != null) {
                throw invalidRequest(OAuth2ParameterNames.ACTOR_TOKEN + " (not supported)");
            }
            return new OAuth2TokenExchangeAuthenticationToken(ACCESS_TOKEN_TYPE, subject[0], ID_TOKEN_TYPE,
                    SecurityContextHolder.getContext().getAuthentication(), null, null, Set.of(), Set.of(), null, Map.of());
        };
    }

    /**
     * Spring Authorization Server's token-exchange provider over the authorizations found by ID token:
     * only an ID token this server issued, still current (not replaced by a refresh, not expired), is a
     * subject. Other subject token types are refused.
     */
    AuthenticationProvider exchanges(OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<? extends OAuth2Token> tokens) {
        OAuth2TokenExchangeAuthenticationProvider exchange =
                new OAuth2TokenExchangeAuthenticationProvider(new ByIdToken(authorizations), tokens);
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                OAuth2TokenExchangeAuthenticationToken request = (OAuth2TokenExchangeAuthenticationToken) authentication;
                if (!ID_TOKEN_TYPE.equals(request.getSubjectTokenType())) {
                    throw new OAuth2AuthenticationException(new OAuth2Error("unsupported_token_type",
                            "subject_token_type must be " + ID_TOKEN_TYPE, null));
                }
                // The stock provider checks subject types of its own (access token or JWT); its look-up, by
                // ByIdToken, can find nothing but an ID token, so the subject is handed on under the type it takes.
                return exchange.authenticate(new OAuth2TokenExchangeAuthenticationToken(request.getRequestedTokenType(),
                        request.getSubjectToken(), ACCESS_TOKEN_TYPE, (Authentication) request.getPrincipal(), null, null,
                        request.getResources(), request.getAudiences(), request.getScopes(), request.getAdditionalParameters()));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2TokenExchangeAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /** This endpoint's URL as the request reached it, the audience a client assertion must name. */
    private static String tokenUrl() {
        return AuthorizationServerContextHolder.getContext().getIssuer() + "/oauth2/token";
    }

    private OAuth2TokenValidator<Jwt> unusedJti() {
        return jwt -> jwt.getId() != null && !jwt.getId().isBlank() && usedJtis.add(jwt.getId())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                "Missing or non-unique 'jti' claim in client_assertion JWT", null));
    }

    private static OAuth2AuthenticationException invalidRequest(String parameter) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                "OAuth 2.0 Token Exchange parameter: " + parameter, null));
    }

    static boolean isTokenExchange(HttpServletRequest request) {
        return AuthorizationGrantType.TOKEN_EXCHANGE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
    }

    /** The authorizations, where the exchange's look-up of its subject (an access token there) finds an ID token. */
    private record ByIdToken(OAuth2AuthorizationService authorizations) implements OAuth2AuthorizationService {

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
            return authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN.equals(tokenType) ? ID_TOKEN : tokenType);
        }

        @Override
        public void save(OAuth2Authorization authorization) {
            authorizations.save(authorization);
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
            authorizations.remove(authorization);
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return authorizations.findById(id);
        }
    }
}
