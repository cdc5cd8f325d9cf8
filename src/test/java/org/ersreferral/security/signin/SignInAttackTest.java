package org.ersreferral.security.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on signing in, over HTTP as a browser would send them: an authorization response whose
 * state is not the session's, a made-up or replayed code, a real code carried into another
 * browser's session, and groups or organisations slipped into the requests. None signs anyone in
 * or gives more than the token's roles.
 */
class SignInAttackTest extends RunningApplicationTest {

    private static final String WHO_AM_I = "/camunda/api/admin/auth/user/default";
    private static final Pattern CALLBACK = Pattern.compile("/login/oauth2/code/cis2\\?code=([^&]+)&state=([^&]+)");

    private String base;

    @BeforeEach
    void base() {
        base = "http://localhost:" + port;
    }

    @Test
    void anAuthorizationResponseWithAnotherStateSignsNobodyIn() {
        Browser browser = new Browser();
        String callback = browser.authorizedAs("coordinator");
        Matcher parts = CALLBACK.matcher(callback);
        assertThat(parts.find()).isTrue();

        HttpResponse<String> forged = browser.get(base + "/login/oauth2/code/cis2?code=" + parts.group(1) + "&state=forged-state");

        assertRefused(forged);
        assertThat(browser.get(base + WHO_AM_I).statusCode()).isEqualTo(401);
    }

    @Test
    void aMadeUpCodeSignsNobodyIn() {
        Browser browser = new Browser();
        Matcher parts = CALLBACK.matcher(browser.authorizedAs("coordinator"));
        assertThat(parts.find()).isTrue();

        HttpResponse<String> madeUp = browser.get(base + "/login/oauth2/code/cis2?code=made-up-code&state=" + parts.group(2));

        assertRefused(madeUp);
        assertThat(browser.get(base + WHO_AM_I).statusCode()).isEqualTo(401);
    }

    @Test
    void aCodeIsUsedOnceAndOnlyInTheSessionThatAskedForIt() {
        Browser victim = new Browser();
        String callback = victim.authorizedAs("coordinator");

        // Carried into another browser (login CSRF, a stolen code): that session asked for nothing.
        Browser attacker = new Browser();
        attacker.get(base + "/camunda/app/tasklist/default/");
        assertRefused(attacker.get(base + callback.substring(callback.indexOf("/login/"))));
        assertThat(attacker.get(base + WHO_AM_I).statusCode()).isEqualTo(401);

        // The rightful session signs in with it once; the same response again is refused, in a fresh
        // session and in the signed-in one, whose authorization request it answered is used up.
        HttpResponse<String> signedIn = victim.get(base + callback.substring(callback.indexOf("/login/")));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(victim.signedInToTasklist().statusCode()).isEqualTo(200);
        Browser replay = new Browser();
        replay.get(base + "/camunda/app/tasklist/default/");
        assertRefused(replay.get(base + callback.substring(callback.indexOf("/login/"))));
        assertRefused(victim.get(base + callback.substring(callback.indexOf("/login/"))));
    }

    @Test
    void groupsAndOrganisationsCannotBeAddedThroughTheRequests() {
        Browser browser = new Browser();
        String injected = "groups=camunda-admin&group=camunda-admin&tenantIds=RXB&organisation=RXB&nhsid_nrbac_roles="
                + URLEncoder.encode("[{\"org_code\":\"RXB\",\"role_code\":\"R8015\"}]", StandardCharsets.UTF_8);
        String callback = browser.authorizedAs("coordinator", "?" + injected);
        HttpResponse<String> signedIn = browser.get(base + callback.substring(callback.indexOf("/login/")) + "&" + injected);
        assertThat(signedIn.statusCode()).isEqualTo(302);

        browser.signedInToTasklist();
        HttpResponse<String> me = browser.getJson(base + WHO_AM_I + "?" + injected);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"userId\":\"555000000101\"").contains("tasklist").doesNotContain("admin\"", "cockpit");
        // The webapps' engine API knows no organisation of theirs beyond the token's.
        assertThat(browser.getJson(base + "/camunda/api/engine/engine/default/tenant?userMember=555000000101&" + injected).body())
                .doesNotContain("RXB");
    }

    @Test
    void theWebappsPasswordLoginIsClosed() {
        Browser browser = new Browser();
        browser.get(base + "/camunda/app/tasklist/default/");
        HttpResponse<String> login = browser.post(base + "/camunda/api/admin/auth/user/default/login/tasklist",
                "username=coordinator&password=" + org.ersreferral.lifecycle.LiveApplication.PASSWORD);
        assertThat(login.statusCode()).isIn(401, 403);
        assertThat(browser.get(base + WHO_AM_I).statusCode()).isEqualTo(401);
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).contains("/sign-in/refused");
    }

    /** A browser's cookies, following no redirect by itself. */
    private final class Browser {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        /** Opens Tasklist (where the webapps take the signed-in person over) and says who the webapp sees. */
        HttpResponse<String> signedInToTasklist() {
            get(base + "/camunda/app/tasklist/default/");
            return getJson(base + WHO_AM_I);
        }

        String authorizedAs(String user) {
            return authorizedAs(user, "");
        }

        /**
         * Goes from Tasklist to the provider, inserts {@code user}'s smartcard and returns the
         * provider's redirect back to the application (with code and state), without following it.
         */
        String authorizedAs(String user, String extraQuery) {
            HttpResponse<String> toSignIn = get(base + "/oauth2/authorization/cis2" + extraQuery);
            String location = toSignIn.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> page = null;
            for (int hop = 0; hop < 5; hop++) {
                page = get(location);
                if (page.statusCode() != 302) {
                    break;
                }
                location = absolute(page.headers().firstValue("Location").orElseThrow());
            }
            Matcher card = Pattern.compile("<form[^>]*>((?:(?!</form>).)*?\\(" + Pattern.quote(user) + "\\)(?:(?!</form>).)*?)</form>",
                    Pattern.DOTALL).matcher(page.body());
            assertThat(card.find()).as(page.body()).isTrue();
            String form = "user=" + hidden(card.group(1), "user") + "&_csrf=" + URLEncoder.encode(hidden(card.group(1), "_csrf"),
                    StandardCharsets.UTF_8);
            location = absolute(post(base + "/ers-sim/cis2/sign-in", form).headers().firstValue("Location").orElseThrow());
            StringBuilder hops = new StringBuilder(location);
            for (int hop = 0; hop < 5 && !location.contains("/login/oauth2/code/cis2?code="); hop++) {
                HttpResponse<String> next = get(location);
                location = absolute(next.headers().firstValue("Location").orElse("(none)"));
                hops.append("\n -> ").append(next.statusCode()).append(' ').append(location);
            }
            assertThat(location).as(hops.toString()).contains("/login/oauth2/code/cis2?code=");
            return location;
        }

        HttpResponse<String> get(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
        }

        /** As the webapps' scripts ask. */
        HttpResponse<String> getJson(String url) {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
        }

        HttpResponse<String> post(String url, String form) {
            return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private String absolute(String location) {
            return location.startsWith("/") ? base + location : location;
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String hidden(String form, String name) {
        Matcher input = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(form);
        assertThat(input.find()).as(form).isTrue();
        return input.group(1);
    }
}
