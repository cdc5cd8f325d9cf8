package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ersreferral.security.EmbeddedCis2Client;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The simulated CIS2 and API-platform sign-in over real HTTP, as the application and a browser use
 * it: authorization code with PKCE, the ID token checked against the published keys, userinfo,
 * refresh, revocation, logout, and A030 answering the signed-in user's own roles.
 */
class Cis2SignInTest extends RunningApplicationTest {

    static final String COORDINATOR = "555000000101";
    static final String TWO_ROLES = "555000000105";
    static final String NO_ROLE = "555000000106";

    @Autowired
    EmbeddedCis2Client client;

    Cis2Browser browser;

    @BeforeEach
    void newBrowser() {
        browser = new Cis2Browser(port);
    }

    /** Signs {@code userId} in and exchanges the code: the token endpoint's answer. */
    JsonNode tokensFor(String userId) {
        Cis2Browser.Pkce pkce = Cis2Browser.Pkce.fresh();
        Cis2Browser.Answer back = browser.signIn(browser.authorizeUrl(client.clientId(), browser.redirectUri(), "s1", "n1", pkce), userId);
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        assertThat(back.location()).startsWith(browser.redirectUri() + "?");
        assertThat(back.locationParameter("state")).isEqualTo("s1");
        Cis2Browser.Answer tokens = browser.exchange(client.clientId(), client.clientSecret(), back.locationParameter("code"),
                browser.redirectUri(), pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens.json();
    }

    @Test
    void aCoordinatorSignsInAndTheIdTokenCarriesCis2Claims() throws Exception {
        JsonNode discovery = browser.get("/ers-sim/.well-known/openid-configuration").json();
        String issuer = browser.root + "/ers-sim";
        assertThat(discovery.path("issuer").asText()).isEqualTo(issuer);
        assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(discovery.path("token_endpoint").asText()).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery.path("jwks_uri").asText()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(discovery.path("userinfo_endpoint").asText()).isEqualTo(issuer + "/userinfo");
        assertThat(discovery.path("end_session_endpoint").asText()).isEqualTo(issuer + "/connect/logout");
        assertThat(discovery.path("revocation_endpoint").asText()).isEqualTo(issuer + "/oauth2/revoke");

        JsonNode tokens = tokensFor(COORDINATOR);
        assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.path("expires_in").asLong()).isBetween(590L, 600L);
        assertThat(tokens.path("refresh_token").asText()).isNotBlank();
        assertThat(tokens.path("scope").asText().split(" ")).containsExactlyInAnyOrder("openid", "profile", "nationalrbacaccess");

        JWKSet keys = JWKSet.parse(browser.get(discovery.path("jwks_uri").asText()).body());
        SignedJWT idToken = SignedJWT.parse(tokens.path("id_token").asText());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(key).as("the ID token's key is published").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly("ers-referral");
        assertThat(claims.getSubject()).isEqualTo(COORDINATOR);
        assertThat(claims.getStringClaim("nonce")).isEqualTo("n1");
        assertThat(claims.getStringClaim("nhsid_useruid")).isEqualTo(COORDINATOR);
        assertThat(claims.getStringClaim("name")).isEqualTo("Casey Coordinator");
        List<Object> roles = claims.getListClaim("nhsid_nrbac_roles");
        assertThat(roles).hasSize(1);
        @SuppressWarnings("unchecked") Map<String, Object> role = (Map<String, Object>) roles.get(0);
        assertThat(role).containsEntry("org_code", "R69").containsEntry("person_roleid", "555000000111")
                .containsKeys("role_code", "role_name");

        SignedJWT accessToken = SignedJWT.parse(tokens.path("access_token").asText());
        assertThat(accessToken.verify(new RSASSAVerifier((RSAKey) keys.getKeyByKeyId(accessToken.getHeader().getKeyID())))).isTrue();

        JsonNode userInfo = browser.get("/ers-sim/userinfo", "Authorization", "Bearer " + tokens.path("access_token").asText()).json();
        assertThat(userInfo.path("sub").asText()).isEqualTo(COORDINATOR);
        assertThat(userInfo.path("nhsid_useruid").asText()).isEqualTo(COORDINATOR);
        assertThat(userInfo.path("name").asText()).isEqualTo("Casey Coordinator");
        assertThat(userInfo.path("nhsid_nrbac_roles").path(0).path("org_code").asText()).isEqualTo("R69");
    }
}
