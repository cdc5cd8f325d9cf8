package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import org.ersreferral.security.EmbeddedCis2Client;
import org.ersreferral.testsupport.Await;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Token lifetimes come from configuration, in seconds if need be, and an expired token is refused. */
@TestPropertySource(properties = {
        "ers.simulator.cis2.access-token-lifetime=4s",
        "ers.simulator.cis2.refresh-token-lifetime=10s"})
class Cis2TokenLifetimeTest extends RunningApplicationTest {

    @Autowired
    EmbeddedCis2Client client;

    @Test
    void expiredAccessAndRefreshTokensAreRefused() throws Exception {
        Cis2Browser browser = new Cis2Browser(port);
        Cis2Browser.Pkce pkce = Cis2Browser.Pkce.fresh();
        Cis2Browser.Answer back = browser.signIn(browser.authorizeUrl(client.clientId(), browser.redirectUri(), "s", "n", pkce),
                Cis2SignInTest.COORDINATOR);
        JsonNode tokens = browser.exchange(client.clientId(), client.clientSecret(), back.locationParameter("code"),
                browser.redirectUri(), pkce.verifier()).json();
        assertThat(tokens.path("expires_in").asLong()).isBetween(3L, 4L);
        JWTClaimsSet idToken = SignedJWT.parse(tokens.path("id_token").asText()).getJWTClaimsSet();
        assertThat(Duration.between(idToken.getIssueTime().toInstant(), idToken.getExpirationTime().toInstant()))
                .as("the ID token lives as long as the access token").isEqualTo(Duration.ofSeconds(4));

        // refreshing at once gives a new refresh token, which lives 10 s from now
        Cis2Browser.Answer refreshed = browser.refresh(client.clientId(), client.clientSecret(), tokens.path("refresh_token").asText());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        Instant refreshIssued = Instant.now();
        String refresh = refreshed.json().path("refresh_token").asText();
        String access = refreshed.json().path("access_token").asText();

        Await.until("the access token expired", Duration.ofSeconds(20), () -> browser.practitionerRoles(access).status() == 401);
        assertThat(browser.get("/ers-sim/userinfo", "Authorization", "Bearer " + access).status()).isEqualTo(401);
        assertThat(browser.practitionerRoles(tokens.path("access_token").asText()).status()).isEqualTo(401);

        Duration left = Duration.between(Instant.now(), refreshIssued.plusSeconds(11));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
        Cis2Browser.Answer expired = browser.refresh(client.clientId(), client.clientSecret(), refresh);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().path("error").asText()).isEqualTo("invalid_grant");
    }
}
