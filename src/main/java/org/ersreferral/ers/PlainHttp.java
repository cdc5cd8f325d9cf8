package org.ersreferral.ers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few non-FHIR calls of the access modes (token endpoint, A001-A003) over the JDK client, with
 * e-RS's timeouts and one log line per call like {@link LoggingHttpClient}: never bodies or headers,
 * which carry the assertion, the token or the session key.
 */
class PlainHttp {

    private static final Logger LOG = LoggerFactory.getLogger(PlainHttp.class);

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final Duration readTimeout;
    private final ErsCallBudget budget;

    PlainHttp(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, ErsCallBudget.NONE);
    }

    PlainHttp(Duration connectTimeout, Duration readTimeout, ErsCallBudget budget) {
        this.budget = budget;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout).build();
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
    }

    static PlainHttp of(ErsProperties properties) {
        return of(properties, ErsCallBudget.NONE);
    }

    /** With e-RS's calls ({@code A001}-{@code A003}) counted against the shared {@link ErsCallBudget}. */
    static PlainHttp of(ErsProperties properties, ErsCallBudget budget) {
        return new PlainHttp(properties.connectTimeout(), properties.readTimeout(), budget);
    }

    /**
     * Sends one request; an I/O failure is {@link ErsException.Unavailable}: none of these calls
     * changes a referral, so repeating them is safe.
     */
    Answer send(String operation, String method, String url, Map<String, String> headers, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.header("Accept", "application/json");
        headers.forEach(request::header);
        String path = URI.create(url).getRawPath();
        String sessionId = headers.get(ErsAuthentication.SESSION_KEY);
        if (sessionId != null) {
            path = path.replace(sessionId, "{id}"); // the session id is a credential
        }
        budget.take(operation);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 429) {
                budget.pause(Duration.ofSeconds(ErsErrorDecoder.retryAfterSeconds(response.headers().allValues("Retry-After"))));
            }
            LOG.info("e-RS {} {} {} -> {} in {} ms", operation, method, path, response.statusCode(), elapsedMs(started));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            LOG.info("e-RS {} {} {} -> {} in {} ms", operation, method, path, e.getClass().getSimpleName(), elapsedMs(started));
            throw new ErsException.Unavailable(operation, 0, "Cannot reach " + operation + " endpoint ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErsException.Unavailable(operation, 0, "Interrupted while calling " + operation, e);
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
