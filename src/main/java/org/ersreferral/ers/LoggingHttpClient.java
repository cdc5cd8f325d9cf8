package org.ersreferral.ers;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per e-RS call: operation, method, path (no query: it may carry identifiers),
 * status, duration, correlation id. Bodies, NHS numbers and headers (Authorization,
 * HTTP_X_SESSION_KEY) are never logged.
 */
final class LoggingHttpClient implements Client {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingHttpClient.class);

    private final Client delegate;
    private final ErsCallObserver observer;

    LoggingHttpClient(Client delegate) {
        this(delegate, ErsCallObserver.NONE);
    }

    LoggingHttpClient(Client delegate, ErsCallObserver observer) {
        this.delegate = delegate;
        this.observer = observer;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        long started = System.nanoTime();
        ErsOperation operation = ErsOperation.of(request);
        String path = URI.create(request.url()).getRawPath();
        String correlationId = header(request, ErsHttp.CORRELATION_ID);
        try {
            Response response = delegate.execute(request, options);
            long elapsed = elapsedMs(started);
            LOG.info("e-RS {} {} {} -> {} in {} ms [{}]", operation, request.httpMethod(), path, response.status(),
                    elapsed, correlationId);
            observe(operation, request, path, response.status(), null, elapsed, correlationId);
            return response;
        } catch (IOException e) {
            long elapsed = elapsedMs(started);
            LOG.info("e-RS {} {} {} -> {} in {} ms [{}]", operation, request.httpMethod(), path,
                    e.getClass().getSimpleName(), elapsed, correlationId);
            observe(operation, request, path, 0, e.getClass().getSimpleName(), elapsed, correlationId);
            throw e;
        }
    }

    private void observe(ErsOperation operation, Request request, String path, int status, String failure, long elapsed,
                         String correlationId) {
        try {
            observer.called(String.valueOf(operation), request.httpMethod().name(), path, status, failure, elapsed, correlationId);
        } catch (RuntimeException e) {
            LOG.warn("Could not record e-RS call [{}]: {}", correlationId, e.toString());
        }
    }

    private static String header(Request request, String name) {
        Collection<String> values = request.headers().get(name);
        return values == null || values.isEmpty() ? "-" : values.iterator().next();
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
