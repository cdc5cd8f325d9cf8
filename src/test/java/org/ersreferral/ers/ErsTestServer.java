package org.ersreferral.ers;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in e-RS on 127.0.0.1: answers each "METHOD path" with the replies queued for it (the
 * last one repeats) and records every request it received.
 */
final class ErsTestServer implements AutoCloseable {

    static final String CONTEXT = "/referrals/FHIR";
    /** A reply status meaning: read the request, then close the connection without answering. */
    static final int HANG_UP = -1;

    record Recorded(String method, String path, String query, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Reply(int status, Map<String, String> headers, byte[] body, long delayMillis) {
        static Reply fhir(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/fhir+json"),
                    json.getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Reply>> replies = new HashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    ErsTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor); // a slow reply must not hold up stop() or other requests
        server.start();
    }

    /** The e-RS base URL, as {@code ers.base-url} would hold it. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + CONTEXT;
    }

    /** Queues a reply for {@code method} and a path below the base URL, e.g. {@code /STU3/Binary}. */
    synchronized ErsTestServer on(String method, String path, Reply reply) {
        replies.computeIfAbsent(method + " " + CONTEXT + path, k -> new ArrayDeque<>()).add(reply);
        return this;
    }

    ErsTestServer onFhir(String method, String path, int status, String json) {
        return on(method, path, Reply.fhir(status, json));
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The only request to a path below the base URL; fails when there were none or several. */
    Recorded only(String method, String path) {
        List<Recorded> matching = requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(CONTEXT + path)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + " but got " + requests.stream()
                    .map(r -> r.method() + " " + r.path()).toList());
        }
        return matching.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Recorded(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body));
        Reply reply = next(exchange.getRequestMethod() + " " + path);
        try {
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            if (reply.status() == HANG_UP) {
                return; // closed below without an answer, as a crashing gateway would
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (read timeout test); nothing to answer
        } finally {
            exchange.close();
        }
    }

    private synchronized Reply next(String key) {
        Deque<Reply> queue = replies.get(key);
        if (queue == null || queue.isEmpty()) {
            return Reply.fhir(404, "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    + "\"code\":\"not-found\",\"diagnostics\":\"no test reply for " + key + "\"}]}");
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
