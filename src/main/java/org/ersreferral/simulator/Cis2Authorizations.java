package org.ersreferral.simulator;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * What the simulated authorization server has granted (codes, access, refresh and ID tokens) and
 * the key it signs with, random per start. Both are kept in memory: the simulator is a single-node
 * demo whose sign-ins need not outlive a restart. The simulated e-RS asks here who an access token
 * acts for.
 */
@Component
@ConditionalOnSimulator
class Cis2Authorizations {

    private final OAuth2AuthorizationService service = new InMemoryOAuth2AuthorizationService();
    private final JWKSource<SecurityContext> signingKeys;
    private final NimbusJwtDecoder accessTokens;

    Cis2Authorizations() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            this.signingKeys = new ImmutableJWKSet<>(new JWKSet(key));
            this.accessTokens = NimbusJwtDecoder.withPublicKey((RSAPublicKey) pair.getPublic())
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No RSA key generator in this JVM", e);
        }
        // expired is expired: no minute of grace, so short test lifetimes mean what they say
        accessTokens.setJwtValidator(new JwtTimestampValidator(Duration.ZERO));
    }

    OAuth2AuthorizationService service() {
        return service;
    }

    JWKSource<SecurityContext> signingKeys() {
        return signingKeys;
    }

    /** Checks signature and lifetime of the access tokens the userinfo endpoint is called with. */
    NimbusJwtDecoder accessTokenDecoder() {
        return accessTokens;
    }

    /**
     * The signed-in user an access token acts for: one this server signed, not expired, and not
     * revoked. A token a refresh has since replaced is no longer stored but stays good until it
     * expires, as on the platform. An ID token (signed with the same key) carries no scope and is
     * no access token.
     */
    Optional<SmartcardUsers.User> userOf(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            return Optional.empty();
        }
        Jwt jwt;
        try {
            jwt = accessTokens.decode(accessToken);
        } catch (JwtException e) {
            return Optional.empty();
        }
        if (!jwt.hasClaim(OAuth2ParameterNames.SCOPE)) {
            return Optional.empty();
        }
        OAuth2Authorization authorization = service.findByToken(accessToken, OAuth2TokenType.ACCESS_TOKEN);
        if (authorization != null && (authorization.getAccessToken() == null || !authorization.getAccessToken().isActive())) {
            return Optional.empty();
        }
        return SmartcardUsers.byUserId(jwt.getSubject());
    }
}
