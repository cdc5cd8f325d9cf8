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

    @Test
    void a030AnswersTheSignedInUsersOwnRoles() {
        JsonNode coordinator = browser.practitionerRoles(tokensFor(COORDINATOR).path("access_token").asText()).json();
        assertThat(coordinator.path("total").asInt()).isEqualTo(1);
        JsonNode role = coordinator.path("entry").path(0).path("resource");
        assertThat(role.path("practitioner").path("identifier").path("value").asText()).isEqualTo(COORDINATOR);
        assertThat(role.path("organization").path("identifier").path("value").asText()).isEqualTo("R69");
        assertThat(role.path("code").findValuesAsText("code")).containsExactly("REFERRING_CLINICIAN_ADMIN");

        browser = new Cis2Browser(port);
        String twoRoles = tokensFor(TWO_ROLES).path("access_token").asText();
        JsonNode both = browser.practitionerRoles(twoRoles).json();
        assertThat(both.path("total").asInt()).isEqualTo(2);
        assertThat(both.path("entry").findValuesAsText("value")).containsExactly(TWO_ROLES, "R69", TWO_ROLES, "RXB");
        assertThat(both.path("entry").path(0).path("resource").path("code").findValuesAsText("code")).containsExactly("REFERRING_CLINICIAN");
        assertThat(both.path("entry").path(1).path("resource").path("code").findValuesAsText("code"))
                .containsExactly("REFERRING_CLINICIAN_ADMIN");
        // acting in a role the user holds passes; in one they do not hold, e-RS refuses
        assertThat(browser.get("/ers-sim/FHIR/STU3/CodeSystem/PRIORITY", "Authorization", "Bearer " + twoRoles,
                "NHSD-eRS-Business-Function", "REFERRING_CLINICIAN", "NHSD-End-User-Organisation-ODS", "R69").status()).isEqualTo(200);
        Cis2Browser.Answer notTheirs = browser.get("/ers-sim/FHIR/STU3/CodeSystem/PRIORITY", "Authorization", "Bearer " + twoRoles,
                "NHSD-eRS-Business-Function", "REFERRING_CLINICIAN", "NHSD-End-User-Organisation-ODS", "RXB");
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(notTheirs.body()).contains("no role REFERRING_CLINICIAN at RXB");

        browser = new Cis2Browser(port);
        JsonNode none = browser.practitionerRoles(tokensFor(NO_ROLE).path("access_token").asText()).json();
        assertThat(none.path("total").asInt()).isZero();
        assertThat(none.path("entry").size()).isZero();
    }

    @Test
    void refreshGivesNewTokensAndRetiresTheOldRefreshToken() throws Exception {
        JsonNode first = tokensFor(COORDINATOR);
        Cis2Browser.Answer refreshed = browser.refresh(client.clientId(), client.clientSecret(), first.path("refresh_token").asText());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access = refreshed.json().path("access_token").asText();
        String refresh = refreshed.json().path("refresh_token").asText();
        assertThat(access).isNotEqualTo(first.path("access_token").asText());
        assertThat(refresh).isNotBlank().isNotEqualTo(first.path("refresh_token").asText());
        assertThat(SignedJWT.parse(refreshed.json().path("id_token").asText()).getJWTClaimsSet().getStringClaim("nhsid_useruid"))
                .isEqualTo(COORDINATOR);
        assertThat(browser.practitionerRoles(access).status()).isEqualTo(200);
        // the access token the refresh replaced still works until it expires, as on the platform
        assertThat(browser.practitionerRoles(first.path("access_token").asText()).status()).isEqualTo(200);

        Cis2Browser.Answer reused = browser.refresh(client.clientId(), client.clientSecret(), first.path("refresh_token").asText());
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(browser.refresh(client.clientId(), client.clientSecret(), refresh).status()).isEqualTo(200);
    }

    @Test
    void revokedTokensStopWorking() {
        JsonNode tokens = tokensFor(COORDINATOR);
        String access = tokens.path("access_token").asText();
        assertThat(browser.practitionerRoles(access).status()).isEqualTo(200);
        assertThat(browser.revoke(client.clientId(), client.clientSecret(), access).status()).isEqualTo(200);
        assertThat(browser.practitionerRoles(access).status()).isEqualTo(401);
        assertThat(browser.get("/ers-sim/userinfo", "Authorization", "Bearer " + access).status()).isEqualTo(401);

        String refresh = tokens.path("refresh_token").asText();
        assertThat(browser.revoke(client.clientId(), client.clientSecret(), refresh).status()).isEqualTo(200);
        Cis2Browser.Answer refused = browser.refresh(client.clientId(), client.clientSecret(), refresh);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void logoutEndsTheSignInAndReturnsOnlyToTheApplication() {
        JsonNode tokens = tokensFor(COORDINATOR);
        String idToken = tokens.path("id_token").asText();
        Cis2Browser.Answer elsewhere = browser.get("/ers-sim/connect/logout?id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + java.net.URLEncoder.encode("http://evil.example/", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.location()).isNull();

        Cis2Browser.Answer out = browser.get("/ers-sim/connect/logout?id_token_hint=" + idToken + "&state=bye&post_logout_redirect_uri="
                + java.net.URLEncoder.encode(browser.root + "/", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(out.status()).as(out.body()).isEqualTo(302);
        assertThat(out.location()).isEqualTo(browser.root + "/?state=bye");
        Cis2Browser.Answer again = browser.get(browser.authorizeUrl(client.clientId(), browser.redirectUri(), "s2", "n2",
                Cis2Browser.Pkce.fresh()), "Accept", "text/html");
        assertThat(again.status()).isEqualTo(302);
        assertThat(again.location()).as("signed out: the smartcard must be inserted again").endsWith("/ers-sim/cis2/sign-in");
    }

    @Test
    void theSignInPageListsEveryCardAndEscapesWhatItShows() {
        Cis2Browser.Answer page = browser.get("/ers-sim/cis2/sign-in", "Accept", "text/html");
        assertThat(page.status()).isEqualTo(200);
        for (SmartcardUsers.User user : SmartcardUsers.ALL) {
            assertThat(page.body()).contains(user.name()).contains(user.userId()).contains("(" + user.username() + ")");
        }
        assertThat(page.body()).contains("REFERRING_CLINICIAN_ADMIN").contains("(RXB)").contains("no e-RS role")
                .doesNotContain("\"Nurse").contains("name=\"_csrf\"").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://");

        Cis2Browser.Answer noCsrf = browser.postForm("/ers-sim/cis2/sign-in", Map.of("user", COORDINATOR), "Accept", "text/html");
        assertThat(noCsrf.status()).isEqualTo(403);
    }
}
