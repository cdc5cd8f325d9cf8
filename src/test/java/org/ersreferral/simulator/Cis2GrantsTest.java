package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.ersreferral.security.EmbeddedCis2Client;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/** A sign-in made in process is an authorization of the simulated CIS2 like one made in a browser. */
class Cis2GrantsTest {

    private final Cis2Authorizations authorizations = new Cis2Authorizations();
    private final EmbeddedCis2Client client = new Cis2AuthorizationServer().embeddedCis2Client();
    private final Cis2Grants grants = new Cis2AuthorizationServer().cis2Grants(client,
            new Cis2Properties(Duration.ofMinutes(10), Duration.ofHours(12)), authorizations);

    @Test
    void aSmartcardUsersSignInHoldsAccessRefreshAndIdTokensOfThatUser() {
        SmartcardUsers.User coordinator = SmartcardUsers.byUsername("coordinator").orElseThrow();
        OAuth2Authorization signedIn = grants.signIn(coordinator, Set.of("openid", "profile", "nationalrbacaccess", "admin"),
                "http://localhost:8080/ers-sim");

        String access = signedIn.getAccessToken().getToken().getTokenValue();
        assertThat(authorizations.userOf(access)).contains(coordinator);
        assertThat(signedIn.getAuthorizedScopes()).as("only scopes the client may have")
                .containsExactlyInAnyOrder("openid", "profile", "nationalrbacaccess");
        assertThat(signedIn.getRefreshToken()).isNotNull();
        assertThat(signedIn.getToken(OidcIdToken.class).getToken().getSubject()).isEqualTo(coordinator.userId());
        assertThat(signedIn.getToken(OidcIdToken.class).getToken().getIssuer().toString()).isEqualTo("http://localhost:8080/ers-sim");
        // stored where the token endpoint finds it for a refresh
        assertThat(authorizations.service().findByToken(signedIn.getRefreshToken().getToken().getTokenValue(),
                OAuth2TokenType.REFRESH_TOKEN)).isNotNull();
        assertThat(signedIn.getRegisteredClientId()).isEqualTo(grants.client().getId());
    }
}
