package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import jakarta.servlet.Filter;
import org.ersreferral.security.EmbeddedCis2Client;
import org.ersreferral.testsupport.OwnNetworkAddress;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Attacks on the simulated CIS2 sign-in: a client it does not know, a redirect to somewhere else,
 * no PKCE, a wrong verifier or secret, a code used twice, forged tokens on the FHIR API, and a
 * caller from another machine.
 */
class Cis2AttackTest extends RunningApplicationTest {

    static final String COORDINATOR = Cis2SignInTest.COORDINATOR;

    @Autowired
    EmbeddedCis2Client client;

    @Autowired
    AccessTokens applicationTokens;

    @Autowired
    ApplicationContext context;

    Cis2Browser browser;

    @BeforeEach
    void newBrowser() {
        browser = new Cis2Browser(port);
    }

    @Test
    void anUnknownClientIsRefusedWithoutARedirect() {
        Cis2Browser.Answer answer = browser.signIn(browser.authorizeUrl("intruder", browser.redirectUri(), "s", "n",
                Cis2Browser.Pkce.fresh()), COORDINATOR);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.location()).isNull();
    }

    @Test
    void aRedirectUriOtherThanTheApplicationsIsRefusedWithoutARedirect() {
        for (String elsewhere : new String[] {"http://evil.example/login/oauth2/code/cis2", browser.root + "/login/oauth2/code/other",
                browser.redirectUri() + "/..", browser.redirectUri() + "?next=http://evil.example"}) {
            browser = new Cis2Browser(port);
            Cis2Browser.Answer answer = browser.signIn(browser.authorizeUrl(client.clientId(), elsewhere, "s", "n",
                    Cis2Browser.Pkce.fresh()), COORDINATOR);
            assertThat(answer.status()).as(elsewhere).isEqualTo(400);
            assertThat(answer.location()).as(elsewhere).isNull();
        }
    }

    @Test
    void theApplicationMayBeKnownByAnotherLoopbackNameButNoOtherHost() {
        String otherName = "http://127.0.0.1:" + port + "/login/oauth2/code/cis2";
        Cis2Browser.Answer answer = browser.signIn(browser.authorizeUrl(client.clientId(), otherName, "s", "n",
                Cis2Browser.Pkce.fresh()), COORDINATOR);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).startsWith(otherName + "?code=");

        browser = new Cis2Browser(port);
        String otherPort = "http://127.0.0.1:" + (port + 1) + "/login/oauth2/code/cis2";
        Cis2Browser.Answer refused = browser.signIn(browser.authorizeUrl(client.clientId(), otherPort, "s", "n",
                Cis2Browser.Pkce.fresh()), COORDINATOR);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.location()).isNull();
    }

    @Test
    void withoutPkceNoCodeIsIssued() {
        Cis2Browser.Answer answer = browser.signIn(browser.authorizeUrl(client.clientId(), browser.redirectUri(), "s", "n", null),
                COORDINATOR);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).startsWith(browser.redirectUri() + "?");
        assertThat(answer.locationParameter("error")).isEqualTo("invalid_request");
        assertThat(answer.locationParameter("code")).isNull();
    }

    @Test
    void aCodeWorksOnceOnlyWithItsVerifierAndTheClientsSecret() {
        Cis2Browser.Pkce pkce = Cis2Browser.Pkce.fresh();
        Cis2Browser.Answer back = browser.signIn(browser.authorizeUrl(client.clientId(), browser.redirectUri(), "s", "n", pkce), COORDINATOR);
        String code = back.locationParameter("code");
        assertThat(code).isNotBlank();

        Cis2Browser.Answer wrongSecret = browser.exchange(client.clientId(), "not-the-secret", code, browser.redirectUri(), pkce.verifier());
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().path("error").asText()).isEqualTo("invalid_client");
        Cis2Browser.Answer wrongVerifier = browser.exchange(client.clientId(), client.clientSecret(), code, browser.redirectUri(),
                Cis2Browser.Pkce.fresh().verifier());
        assertThat(wrongVerifier.status()).isEqualTo(400);
        assertThat(wrongVerifier.json().path("error").asText()).isEqualTo("invalid_grant");
        Cis2Browser.Answer noVerifier = browser.exchange(client.clientId(), client.clientSecret(), code, browser.redirectUri(), null);
        assertThat(noVerifier.status()).isEqualTo(400);

        // a fresh code, exchanged properly, then replayed
        Pkce2 second = signInAgain();
        Cis2Browser.Answer first = browser.exchange(client.clientId(), client.clientSecret(), second.code(), browser.redirectUri(),
                second.pkce().verifier());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String access = first.json().path("access_token").asText();
        assertThat(browser.practitionerRoles(access).status()).isEqualTo(200);

        Cis2Browser.Answer replay = browser.exchange(client.clientId(), client.clientSecret(), second.code(), browser.redirectUri(),
                second.pkce().verifier());
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(browser.practitionerRoles(access).status()).as("a replayed code ends what it gave").isEqualTo(401);
        assertThat(browser.refresh(client.clientId(), client.clientSecret(), first.json().path("refresh_token").asText()).status())
                .isEqualTo(400);
    }

    record Pkce2(Cis2Browser.Pkce pkce, String code) {
    }

    private Pkce2 signInAgain() {
        browser = new Cis2Browser(port);
        Cis2Browser.Pkce pkce = Cis2Browser.Pkce.fresh();
        Cis2Browser.Answer back = browser.signIn(browser.authorizeUrl(client.clientId(), browser.redirectUri(), "s", "n", pkce), COORDINATOR);
        return new Pkce2(pkce, back.locationParameter("code"));
    }

    @Test
    void forgedTokensAreRefusedOnTheFhirApi() {
        Pkce2 signedIn = signInAgain();
        JsonNode tokens = browser.exchange(client.clientId(), client.clientSecret(), signedIn.code(), browser.redirectUri(),
                signedIn.pkce().verifier()).json();
        String access = tokens.path("access_token").asText();
        String[] parts = access.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherUser = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace(COORDINATOR, Cis2SignInTest.TWO_ROLES).getBytes(StandardCharsets.UTF_8));
        String unsignedHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        for (String forged : new String[] {
                parts[0] + "." + otherUser + "." + parts[2],
                unsignedHeader + "." + parts[1] + ".",
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA",
                tokens.path("id_token").asText(),
                "not-a-token"}) {
            Cis2Browser.Answer answer = browser.practitionerRoles(forged);
            assertThat(answer.status()).as(forged).isEqualTo(401);
            assertThat(answer.body()).doesNotContain(COORDINATOR).doesNotContain(Cis2SignInTest.TWO_ROLES);
        }
        assertThat(browser.practitionerRoles(access).status()).isEqualTo(200);
    }

    @Test
    void theApplicationsOwnTokenIsRefusedForUserRestrictedOperations() {
        // as e-RS: 403 NO_ACCESS, before the role or the body is looked at
        Cis2Browser.Answer roles = browser.practitionerRoles(applicationTokens.accessToken());
        assertThat(roles.status()).isEqualTo(403);
        assertThat(roles.body()).contains("NO_ACCESS").contains("user-restricted").doesNotContain("000000000101");
        Cis2Browser.Answer create = browser.postJson("/ers-sim/FHIR/STU3/ReferralRequest/$ers.createReferral",
                "{\"resourceType\":\"Parameters\"}", "Authorization", "Bearer " + applicationTokens.accessToken(),
                "NHSD-eRS-Business-Function", "REFERRING_CLINICIAN", "NHSD-End-User-Organisation-ODS", "R69",
                "Accept", "application/fhir+json");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().path("issue").path(0).path("details").path("coding").path(0).path("code").asText())
                .isEqualTo("NO_ACCESS");
        assertThat(create.body()).contains("A011 needs a user-restricted access token");
        // the application-restricted read still takes it
        assertThat(browser.get("/ers-sim/FHIR/STU3/CodeSystem/SPECIALTY", "Authorization", "Bearer "
                + applicationTokens.accessToken(), "Accept", "application/fhir+json").status()).isEqualTo(200);
    }

    @Test
    void theSignInIsRefusedToCallersOnOtherMachines() throws Exception {
        String[] paths = {"/ers-sim/cis2/sign-in", browser.authorizeUrl(client.clientId(), browser.redirectUri(), "s", "n",
                Cis2Browser.Pkce.fresh()), "/ers-sim/.well-known/openid-configuration"};
        Optional<InetAddress> outside = OwnNetworkAddress.find();
        for (String path : paths) {
            if (outside.isPresent()) {
                String answer = rawGet(outside.get(), path);
                assertThat(answer).as(path).startsWith("HTTP/1.1 403").contains("callers on this host only").doesNotContain("_csrf");
            } else { // no network but loopback: the filter the application registered, given a remote address
                MockHttpServletRequest request = new MockHttpServletRequest("GET", path.replaceFirst("\\?.*", ""));
                request.setRemoteAddr("203.0.113.9");
                MockHttpServletResponse response = new MockHttpServletResponse();
                localCallersOnly().doFilter(request, response, new MockFilterChain());
                assertThat(response.getStatus()).as(path).isEqualTo(403);
                assertThat(response.getContentAsString()).as(path).contains("callers on this host only");
            }
        }
        Cis2Browser.Answer local = browser.get("/ers-sim/cis2/sign-in", "Accept", "text/html");
        assertThat(local.status()).isEqualTo(200);
    }

    private Filter localCallersOnly() {
        return context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                .filter(r -> "simulator-local-callers-only".equals(r.getFilterName())).map(r -> (Filter) r.getFilter())
                .findFirst().orElseThrow();
    }

    private String rawGet(InetAddress from, String path) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(from, port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + from.getHostAddress() + ":" + port
                    + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
