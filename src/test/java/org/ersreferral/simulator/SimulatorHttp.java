package org.ersreferral.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny HTTP client for the simulator tests: real HTTP, e-RS headers by default. */
final class SimulatorHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_BASIC = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("admin:demo".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final HttpClient client = HttpClient.newHttpClient();
    private final String root;
    private final String token;

    /** {@code token}: the simulator's current static token, from the simulator in process. */
    SimulatorHttp(int port, String token) {
        this.root = "http://localhost:" + port;
        this.token = token;
    }

    String base() {
        return root + "/ers-sim/FHIR";
    }

    Call call(String method, String path) {
        return new Call(method, path);
    }

    Call get(String path) {
        return call("GET", path);
    }

    Call post(String path) {
        return call("POST", path);
    }

    record Result(int status, Map<String, java.util.List<String>> headers, byte[] body) {
        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(text(), e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String diagnostics() {
            return json().path("issue").path(0).path("diagnostics").asText();
        }
    }

    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
            // The control API is for the application's administrators (basic auth); e-RS calls carry the bearer token.
            headers.put("Authorization", path.startsWith("/ers-sim/admin") ? ADMIN_BASIC : "Bearer " + token);
            headers.put("NHSD-eRS-Business-Function", "REFERRING_CLINICIAN");
            headers.put("NHSD-End-User-Organisation-ODS", "R69");
            headers.put("Accept", "application/fhir+json");
        }

        Call header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        Call json(String json) {
            headers.put("Content-Type", "application/fhir+json");
            this.body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return this;
        }

        Call bytes(String contentType, byte[] bytes) {
            headers.put("Content-Type", contentType);
            this.body = bytes;
            return this;
        }

        Result send() {
            String url = path.startsWith("http") ? path : path.startsWith("/ers-sim") ? root + path : base() + path;
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
            headers.forEach(builder::header);
            builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            try {
                HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Result(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
