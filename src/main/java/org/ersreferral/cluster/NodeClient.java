package org.ersreferral.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP with basic authentication to the nodes of a cluster, as a load balancer would spread it: each
 * client starts at a node of its own and moves to the next one when a node does not answer.
 */
public final class NodeClient {

    /** An answer: status and body (JSON or empty). */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (status " + status + ")", e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** This answer, or IllegalStateException naming {@code what} when it is not a success. */
        public Answer requireOk(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " answered " + status);
            }
            return this;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final List<String> nodes;
    private final String authorization;
    private final AtomicInteger current;

    public NodeClient(HttpClient http, List<String> nodes, String user, String password, int firstNode) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("No node to call");
        }
        this.http = http;
        this.nodes = List.copyOf(nodes);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.current = new AtomicInteger(Math.floorMod(firstNode, nodes.size()));
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, true);
    }

    /**
     * A POST that reached a node and got no answer is not sent again: it may have been applied, so what
     * happened is read back, never assumed; the next request goes to the next node. One that could not
     * connect goes to the next node at once.
     */
    public Answer post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, JSON.writeValueAsString(body), false);
    }

    /** A PUT sets a state: sending it again is harmless, so it may go to the next node. */
    public Answer put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, JSON.writeValueAsString(body), true);
    }

    private Answer send(String method, String path, String body, boolean repeatable) throws IOException, InterruptedException {
        IOException last = null;
        int attempts = nodes.size();
        for (int attempt = 0; attempt < attempts; attempt++) {
            int node = current.get();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(nodes.get(node) + path)).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", authorization).header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 503 && repeatable && attempt + 1 < attempts) {
                    // a node shutting down: the next one takes it
                    current.compareAndSet(node, (node + 1) % nodes.size());
                    continue;
                }
                return new Answer(answer.statusCode(), answer.body());
            } catch (ConnectException notSent) {
                // nothing reached the node: any request may go to the next one
                last = notSent;
                current.compareAndSet(node, (node + 1) % nodes.size());
            } catch (IOException noAnswer) {
                last = noAnswer;
                current.compareAndSet(node, (node + 1) % nodes.size());
                if (!repeatable) {
                    throw noAnswer;
                }
            }
        }
        throw last;
    }
}
