package org.ersreferral.tasklist;

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
import org.ersreferral.lifecycle.LiveApplication;

/**
 * A Camunda webapp session as Tasklist's own scripts hold it: signed in through the simulated NHS
 * CIS2, with its session cookie and its CSRF token on every change.
 */
public final class WebappSession {

    private final CookieManager cookies = new CookieManager();
    /** Follows redirects as a browser does: to sign-in, to the provider and back. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private String csrfToken;

    private WebappSession(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public static WebappSession signIn(int port, String user) {
        return signIn(port, "tasklist", user);
    }

    /**
     * Signs in to one webapp ({@code tasklist}, {@code cockpit} or {@code admin}) as a browser does:
     * the webapp sends it to the simulated CIS2 sign-in page, where {@code user}'s smartcard (the card
     * naming them in brackets: {@code coordinator}, {@code analyst}...) is inserted, and the provider
     * sends it back signed in.
     */
    public static WebappSession signIn(int port, String app, String user) {
        WebappSession session = new WebappSession(port);
        // A page, as a browser asks for it: the application sends it to sign in (a script would get 401).
        LiveApplication.Answer signInPage = session.send(HttpRequest.newBuilder(
                URI.create(session.baseUrl + "/camunda/app/" + app + "/default/")).header("Accept", "text/html").GET());
        Matcher card = Pattern.compile("<form[^>]*>((?:(?!</form>).)*?\\(" + Pattern.quote(user) + "\\)(?:(?!</form>).)*?)</form>",
                Pattern.DOTALL).matcher(signInPage.body());
        if (!card.find()) {
            throw new AssertionError("No smartcard of " + user + " on the sign-in page: " + signInPage.body());
        }
        String form = "user=" + URLEncoder.encode(hidden(card.group(1), "user"), StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(hidden(card.group(1), "_csrf"), StandardCharsets.UTF_8);
        LiveApplication.Answer signedIn = session.send(HttpRequest.newBuilder(URI.create(session.baseUrl + "/ers-sim/cis2/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (signedIn.status() != 200) {
            throw new AssertionError("Signing in as " + user + " ended with " + signedIn.status() + ": " + signedIn.body());
        }
        // Signed in: the webapp hands out the CSRF token its changes must carry, as Tasklist fetches it.
        session.send(HttpRequest.newBuilder(URI.create(session.baseUrl + "/camunda/api/engine/engine/")).GET());
        return session;
    }

    private static String hidden(String form, String name) {
        Matcher input = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(form);
        if (!input.find()) {
            throw new AssertionError("No " + name + " in the sign-in form: " + form);
        }
        return input.group(1).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    }

    /** GETs JSON below the webapp's engine API, e.g. {@code /engine/default/filter?resourceType=Task}. */
    public LiveApplication.Answer getEngineApi(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/api/engine" + path)).header("Accept", "application/json").GET());
    }

    /** POSTs JSON below the webapp's engine API, e.g. {@code /engine/default/task/{id}/submit-form}. */
    public LiveApplication.Answer postEngineApi(String path, String json) {
        return sendEngineApi("POST", path, json);
    }

    /** Any change below the webapp's engine API ({@code json} null: no body), as the webapp's scripts send it. */
    public LiveApplication.Answer sendEngineApi(String method, String path, String json) {
        return send(withCsrf(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/api/engine" + path)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
        if (csrfToken == null) {
            throw new AssertionError("The webapp handed out no CSRF token");
        }
        return request.header("X-XSRF-TOKEN", csrfToken);
    }

    private LiveApplication.Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // The webapp sends its token in this header on reads; changes must carry it back.
            response.headers().firstValue("X-XSRF-TOKEN").filter(token -> !"Required".equals(token))
                    .ifPresent(token -> csrfToken = token);
            return new LiveApplication.Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
