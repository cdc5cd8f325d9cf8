package org.ersreferral.simulator;

import java.util.Optional;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * What the simulated authorization server has granted: codes, access, refresh and ID tokens. Kept
 * in memory, as the simulator is a single-node demo whose tokens need not outlive a restart. The
 * simulated e-RS looks access tokens up here, so a revoked or expired token stops working at once
 * and a tampered one is not found at all.
 */
@Component
@ConditionalOnSimulator
class Cis2Authorizations {

    private final OAuth2AuthorizationService service = new InMemoryOAuth2AuthorizationService();

    OAuth2AuthorizationService service() {
        return service;
    }

    /** The signed-in user an access token acts for, while the token is live (not expired, not revoked). */
    Optional<SmartcardUsers.User> userOf(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            return Optional.empty();
        }
        OAuth2Authorization authorization = service.findByToken(accessToken, OAuth2TokenType.ACCESS_TOKEN);
        if (authorization == null || authorization.getAccessToken() == null || !authorization.getAccessToken().isActive()) {
            return Optional.empty();
        }
        return SmartcardUsers.byUserId(authorization.getPrincipalName());
    }
}
