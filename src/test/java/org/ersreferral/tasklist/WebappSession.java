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
import org.ersreferral.lifecycle.LiveApplication;

/**
 * A Camunda webapp session as Tasklist's own scripts hold it: signed in through the webapp's login,
 * with its session cookie and its CSRF token on every change.
 */
public final class WebappSession {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private String csrfToken;

    private WebappSession(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public static WebappSession signIn(int port, String user, String password) {
        return signIn(port, "tasklist", user, password);
    }

    /** Signs in to one webapp: {@code tasklist}, {@code cockpit} or {@code admin}. */
    public static WebappSession signIn(int port, String app, String user, String password) {
        WebappSession session = new WebappSession(port);
        // The first page hands out the CSRF token the login must carry.
        session.send(HttpRequest.newBuilder(URI.create(session.baseUrl + "/camunda/app/" + app + "/default/")).GET());
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        LiveApplication.Answer login = session.send(session.withCsrf(HttpRequest.newBuilder(
                        URI.create(session.baseUrl + "/camunda/api/admin/auth/user/default/login/" + app)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (login.status() != 200) {
            throw new AssertionError("Webapp login answered " + login.status() + ": " + login.body());
        }
        // Signing in starts a new session, with a CSRF token of its own: fetch it as Tasklist does.
        session.send(HttpRequest.newBuilder(URI.create(session.baseUrl + "/camunda/api/engine/engine/")).GET());
        return session;
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
