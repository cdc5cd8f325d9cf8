package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** e-RS error answers and I/O failures → the {@link ErsException} that says what to do next. */
class FeignErsClientErrorTest extends ErsClientTestSupport {

    private static final String REFERRAL = "/STU3/ReferralRequest/000000070000";
    private static final String CREATE = "/STU3/ReferralRequest/$ers.createReferral";
    private static final ServiceSearch BY_CLINICIAN = new ServiceSearch("9912003888", "URGENT", null, null, null,
            "021600556514", null);
    private static final NewReferral REFERRAL_TO_CREATE = new NewReferral("9912003888", BY_CLINICIAN, List.of("11002"),
            true);
    private static final String EXAMPLE_DIAGNOSTICS = "Example diagnostics message.";

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            stu3/STU3-OperationOutcome.json            | 400 | Rejected     | 'parameter[0]/resource/contained[0]/parameter[1]' (unknownParameter) unknown parameter name
            stu3/STU3-Forbidden.json                   | 403 | Rejected     | Example diagnostics message.
            stu3/STU3-SandboxErrorOutcome.json         | 422 | Rejected     | This is a dummy error produced by sandbox environment. Please use example requests to get success responses and make sure the e-RS Business Function provided in the header matches business role specified in the example title
            stu3/STU3-Unauthorised.json                | 401 | Unauthorised | Example diagnostics message.
            stu3/STU3-ServiceUnavailable.json          | 503 | Unavailable  | System Unavailable
            r4/NHSDigital-OperationOutcome-400.json    | 400 | Rejected     | Example diagnostics message.
            r4/NHSDigital-OperationOutcome-401.json    | 401 | Unauthorised | Example diagnostics message.
            r4/NHSDigital-OperationOutcome-403.json    | 403 | Rejected     | Example diagnostics message.
            r4/NHSDigital-OperationOutcome-404.json    | 404 | Unavailable  | Example diagnostics message.
            r4/NHSDigital-OperationOutcome-406.json    | 406 | Unavailable  | Example diagnostics message.
            r4/NHSDigital-OperationOutcome-415.json    | 415 | Unavailable  | Example diagnostics message.
            r4/NHSDigital-OperationOutcome-422.json    | 422 | Rejected     | The file is being scanned and cannot be retrieved. Wait at least 5 minutes before checking its availability again.
            r4/NHSDigital-OperationOutcome-500.json    | 500 | Unavailable  | Example diagnostics message.
            r4/NHSDigital-OperationOutcome-503.json    | 503 | Unavailable  | REC_UNAVAILABLE
            r4/R4-SandboxErrorOutcome.json             | 422 | Rejected     | This is a dummy error produced by sandbox environment. Please use example requests to get success responses and make sure the e-RS Business Function provided in the header matches business role specified in the example title
            """)
    void officialErrorOutcomesBecomeTheRightException(String file, int status, String kind, String diagnostics) {
        server.onFhir("GET", REFERRAL, status, example(file));

        ErsException error = catchThrowableOfType(ErsException.class, () -> client.retrieveReferral(CALL, "000000070000"));

        assertThat(error.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.operationId()).isEqualTo("A005");
        assertThat(error).hasMessage(diagnostics);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            stu3/PasNotRespondingOperationOutcome.json    | 504 | ProviderUnavailable | PAS unable to create booking into slot '11002026' for UBRN: 000000070000. PAS Request Status: TIMED_OUT
            stu3/PasRespondedWithErrorOperationOutcome.json | 502 | ProviderUnavailable | PAS unable to create booking into slot '11002026' for UBRN: 000000070000. PAS Request Status: ERROR
            stu3/STU3-OperationOutcome.json               | 409 | Conflict            | 'parameter[0]/resource/contained[0]/parameter[1]' (unknownParameter) unknown parameter name
            stu3/STU3-OperationOutcome.json               | 423 | Conflict            | 'parameter[0]/resource/contained[0]/parameter[1]' (unknownParameter) unknown parameter name
            """)
    void bookingFailuresSaySlotGoneOrProviderDown(String file, int status, String kind, String diagnostics) {
        server.onFhir("POST", "/STU3/Appointment", status, example(file));

        ErsException error = catchThrowableOfType(ErsException.class, () -> client.bookOrDefer(CALL, booking()));

        assertThat(error.getClass().getSimpleName()).isEqualTo(kind);
        assertThat(error.status()).isEqualTo(status);
        assertThat(error.operationId()).isEqualTo("A016");
        assertThat(error).hasMessage(diagnostics);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        server.on("GET", REFERRAL, new ErsTestServer.Reply(429, Map.of("Content-Type", "application/fhir+json",
                "Retry-After", "7"), example("r4/NHSDigital-OperationOutcome-429.json").getBytes(StandardCharsets.UTF_8), 0));

        ErsException.RateLimited error = catchThrowableOfType(ErsException.RateLimited.class,
                () -> client.retrieveReferral(CALL, "000000070000"));

        assertThat(error.retryAfterSeconds()).isEqualTo(7);
        assertThat(error).hasMessage(EXAMPLE_DIAGNOSTICS);
    }

    @Test
    void rateLimitWithoutRetryAfterWaitsAMinute() {
        server.onFhir("GET", REFERRAL, 429, example("r4/NHSDigital-OperationOutcome-429.json"));

        ErsException.RateLimited error = catchThrowableOfType(ErsException.RateLimited.class,
                () -> client.retrieveReferral(CALL, "000000070000"));

        assertThat(error.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void gatewayPageInsteadOfAnOutcomeIsNotShown() {
        server.on("GET", REFERRAL, new ErsTestServer.Reply(502, Map.of("Content-Type", "text/html"),
                "<html><body>Bad gateway 9912003888</body></html>".getBytes(StandardCharsets.UTF_8), 0));

        ErsException error = catchThrowableOfType(ErsException.ProviderUnavailable.class,
                () -> client.retrieveReferral(CALL, "000000070000"));

        assertThat(error).hasMessage("e-RS answered HTTP 502");
    }

    @Test
    void uploadRefusedIsRejectedWithDiagnostics() {
        server.onFhir("POST", "/STU3/Binary", 422, example("r4/NHSDigital-OperationOutcome-422.json"));

        ErsException error = catchThrowableOfType(ErsException.Rejected.class, () -> client.uploadFile(CALL,
                "000000070000", new LetterFile("a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8))));

        assertThat(error.operationId()).isEqualTo("A020");
        assertThat(error).hasMessageStartingWith("The file is being scanned");
    }

    @Test
    void uploadWithoutLocationIsAnUnknownOutcome() {
        server.on("POST", "/STU3/Binary", new ErsTestServer.Reply(201, Map.of(), new byte[0], 0));

        ErsException error = catchThrowableOfType(ErsException.OutcomeUnknown.class, () -> client.uploadFile(CALL,
                "000000070000", new LetterFile("a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8))));

        assertThat(error.operationId()).isEqualTo("A020");
    }

    @Test
    void patientLetterWithExpiredTokenIsUnauthorised() {
        server.onFhir("POST", REFERRAL + "/$ers.generatePatientLetter", 401, example("stu3/STU3-Unauthorised.json"));

        ErsException error = catchThrowableOfType(ErsException.Unauthorised.class,
                () -> client.generatePatientLetter(CALL, "000000070000"));

        assertThat(error.operationId()).isEqualTo("A019");
        assertThat(error).hasMessage(EXAMPLE_DIAGNOSTICS);
    }

    @Test
    void createAnsweredWithoutABodyHasAnUnknownOutcome() {
        server.on("POST", CREATE, new ErsTestServer.Reply(201, Map.of(), new byte[0], 0));

        ErsException error = catchThrowableOfType(ErsException.OutcomeUnknown.class,
                () -> client.createReferral(CALL, REFERRAL_TO_CREATE));

        assertThat(error.operationId()).isEqualTo("A011");
    }

    @Test
    void cancellationAnsweredWithoutTheReferralHasAnUnknownOutcome() {
        serveCodeSystem("REFERRAL-CANCELLATION-REASON", "ReferralCancellationReasonCodeSystem.json");
        server.onFhir("POST", REFERRAL + "/$ers.cancelReferral", 200,
                "{\"resourceType\": \"Parameters\", \"parameter\": []}");

        ErsException error = catchThrowableOfType(ErsException.OutcomeUnknown.class, () -> client.cancelReferral(CALL,
                new Cancellation("000000070000", "3", "RAISED_IN_ERROR", null)));

        assertThat(error.operationId()).isEqualTo("A036");
    }

    @Test
    void readAnsweredWithGarbageIsUnavailable() {
        server.on("GET", REFERRAL, new ErsTestServer.Reply(200, Map.of("Content-Type", "application/fhir+json"),
                "{not json 9912003888".getBytes(StandardCharsets.UTF_8), 0));

        ErsException error = catchThrowableOfType(ErsException.Unavailable.class,
                () -> client.retrieveReferral(CALL, "000000070000"));

        assertThat(error.status()).isEqualTo(200);
        assertThat(error).hasMessage("Unreadable answer from e-RS (HTTP 200)").hasNoCause();
    }

    // ---- I/O ----

    @Test
    void createReferralThatTimesOutAfterSendingHasAnUnknownOutcome() {
        client = client("REFERRING_CLINICIAN", null, Duration.ofMillis(300));
        slowly("POST", CREATE, example("stu3/createReferral/responses/ReferralRequest.json"));

        ErsException error = catchThrowableOfType(ErsException.OutcomeUnknown.class,
                () -> client.createReferral(CALL, REFERRAL_TO_CREATE));

        assertThat(error.operationId()).isEqualTo("A011");
        assertThat(error.status()).isZero();
        assertThat(server.requests()).hasSize(1); // sent once, never repeated by Feign
    }

    @Test
    void bookingThatTimesOutAfterSendingHasAnUnknownOutcome() {
        client = client("REFERRING_CLINICIAN", null, Duration.ofMillis(300));
        slowly("POST", "/STU3/Appointment", example("stu3/bookOrDeferAppointment/responses/MinimalBooking.json"));

        ErsException error = catchThrowableOfType(ErsException.OutcomeUnknown.class,
                () -> client.bookOrDefer(CALL, booking()));

        assertThat(error.operationId()).isEqualTo("A016");
    }

    @Test
    void readThatTimesOutIsJustUnavailable() {
        client = client("REFERRING_CLINICIAN", null, Duration.ofMillis(300));
        slowly("GET", REFERRAL, example("stu3/retrieveReferralRequest/responses/Unbooked.json"));

        ErsException error = catchThrowableOfType(ErsException.Unavailable.class,
                () -> client.retrieveReferral(CALL, "000000070000"));

        assertThat(error.operationId()).isEqualTo("A005");
        assertThat(error.status()).isZero();
        assertThat(error).hasMessageContaining("No answer from e-RS");
    }

    @Test
    void connectionDroppedAfterSendingACreateHasAnUnknownOutcome() {
        server.on("POST", CREATE, new ErsTestServer.Reply(ErsTestServer.HANG_UP, Map.of(), new byte[0], 0));

        ErsException error = catchThrowableOfType(ErsException.OutcomeUnknown.class,
                () -> client.createReferral(CALL, REFERRAL_TO_CREATE));

        assertThat(error.operationId()).isEqualTo("A011");
    }

    @Test
    void connectionDroppedOnAReadIsUnavailable() {
        server.on("GET", REFERRAL, new ErsTestServer.Reply(ErsTestServer.HANG_UP, Map.of(), new byte[0], 0));

        ErsException error = catchThrowableOfType(ErsException.Unavailable.class,
                () -> client.retrieveReferral(CALL, "000000070000"));

        assertThat(error.operationId()).isEqualTo("A005");
        assertThat(error.status()).isZero();
    }

    @Test
    void unreachableErsIsUnavailableEvenForACreate() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ErsProperties nowhere = new ErsProperties("http://127.0.0.1:" + closedPort + "/FHIR", "R69",
                "REFERRING_CLINICIAN", null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1), 20, 3,
                new ErsProperties.Auth("static", TOKEN));
        FeignErsClient unreachable = FeignErsClient.create(nowhere, FHIR, ErsAccessTokenProvider.staticToken(TOKEN),
                Clock.systemUTC());

        ErsException error = catchThrowableOfType(ErsException.Unavailable.class,
                () -> unreachable.createReferral(CALL, REFERRAL_TO_CREATE));

        assertThat(error.operationId()).isEqualTo("A011");
        assertThat(error).hasMessageContaining("Cannot reach e-RS");
    }

    private void slowly(String method, String path, String json) {
        server.on(method, path, new ErsTestServer.Reply(200, Map.of("Content-Type", "application/fhir+json"),
                json.getBytes(StandardCharsets.UTF_8), 2_000));
    }

    private static AppointmentRequest booking() {
        return new AppointmentRequest(AppointmentRequest.Kind.BOOK, "000000070000", "6", "11002", "9912003888",
                "11002026", java.time.OffsetDateTime.parse("2022-07-11T12:00:00Z"),
                java.time.OffsetDateTime.parse("2022-07-11T13:00:00Z"), null);
    }
}
