package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A client wired to an {@link ErsTestServer}, and the official examples with the base URL filled in. */
abstract class ErsClientTestSupport {

    /** Building a FhirContext takes about a second: share one, as the application does. */
    static final FhirContext FHIR = FhirContext.forDstu3();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "test-access-token";
    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final ErsCall CALL = new ErsCall("pid-42", "Task_CreateReferral");

    ErsTestServer server;
    FeignErsClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = new ErsTestServer();
        client = client("REFERRING_CLINICIAN", null, Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    FeignErsClient client(String businessFunction, String referringClinician, Duration readTimeout) {
        return FeignErsClient.create(properties(businessFunction, referringClinician, readTimeout), FHIR,
                ErsAccessTokenProvider.staticToken(TOKEN), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    ErsProperties properties(String businessFunction, String referringClinician, Duration readTimeout) {
        return new ErsProperties(server.baseUrl(), "R69", businessFunction, referringClinician,
                ErsProperties.TRIAGE_CREATE_THEN_SEND, Duration.ofSeconds(2), readTimeout, Duration.ofHours(1), 20, 3,
                new ErsProperties.Auth("static", TOKEN));
    }

    /** An official example (below {@code examples/}) with {@code _baseUrl_} replaced by the test server's. */
    String example(String path) {
        return ErsApiExamples.read(path).replace("_baseUrl_", server.baseUrl()).replace("_baseurl_", server.baseUrl());
    }

    JsonNode exampleJson(String path) {
        return json(example(path));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves an official A004 code system, its url pointing at the test server. */
    void serveCodeSystem(String type, String exampleFile) {
        server.onFhir("GET", "/STU3/CodeSystem/" + type, 200, example("stu3/getCodeSystem/responses/" + exampleFile));
    }

    /** The headers every e-RS call must carry, and the one it must never carry. */
    static void assertCommonHeaders(ErsTestServer.Recorded request, String businessFunction) {
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("NHSD-End-User-Organisation-ODS")).isEqualTo("R69");
        assertThat(request.header("NHSD-eRS-Business-Function")).isEqualTo(businessFunction);
        assertThat(request.header("X-Correlation-ID")).matches("pid-42:Task_CreateReferral:[0-9a-f]{8}");
        assertThat(request.header("NHSD-eRS-On-Behalf-Of-User-ID")).isNull();
        assertThat(request.header("HTTP_X_SESSION_KEY")).as("bearer modes send no session key").isNull();
    }

    /** A FHIR JSON request: headers, and a body equal to the official example (arrays in order). */
    void assertFhirRequest(ErsTestServer.Recorded request, String examplePath, String businessFunction) {
        assertCommonHeaders(request, businessFunction);
        assertThat(request.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(request.header("Accept")).isEqualTo("application/fhir+json");
        assertJsonEquals(exampleJson(examplePath), json(request.bodyText()));
    }

    /** Jackson equality: objects by content, arrays in order; shows both documents when they differ. */
    static void assertJsonEquals(JsonNode expected, JsonNode actual) {
        if (!expected.equals(actual)) {
            throw new org.opentest4j.AssertionFailedError("JSON differs", expected.toPrettyString(),
                    actual.toPrettyString());
        }
    }
}
