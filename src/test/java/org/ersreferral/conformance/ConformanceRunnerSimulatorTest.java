package org.ersreferral.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ersreferral.ers.EmbeddedErsCredentials;
import org.ersreferral.ers.ErsApiExamples;
import org.ersreferral.security.tokens.UserErsTokens;
import org.ersreferral.testsupport.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The conformance runner against the application's embedded e-RS simulator over real HTTP: every
 * scenario passes on a healthy server, and a failing server gives FAIL lines and a non-zero exit.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:conformance;DB_CLOSE_DELAY=-1",
        "ers.read-timeout=5s"})
class ConformanceRunnerSimulatorTest {

    static final int PORT = freePort();
    static final String BASE_URL = "http://localhost:" + PORT + "/ers-sim/FHIR";
    static final Pattern SUMMARY = Pattern.compile("(\\d+) passed, (\\d+) failed");
    static final Pattern PASS = Pattern.compile("PASS (A\\d{3}) (\\S+) \\(\\d+ ms\\)");
    /** The referrer operations whose official example requests the runner replays. */
    static final List<String> REQUEST_OPERATIONS = List.of("patientServiceSearch", "createReferral",
            "createReferralAndSendForTriage", "uploadFileToDocumentStore", "maintainReferralLetter",
            "bookOrDeferAppointment", "cancelReferral", "changeShortlist", "changeShortlistAndSendForTriage",
            "updateAppointment");
    /** The worklists a referrer may fetch (A008); the others are a provider's, and filters are not allowed to referrers. */
    static final List<String> REFERRER_WORKLIST_REQUESTS = List.of("MinimalAssessmentReturnedCancelledDna",
            "MinimalAwaitingBooking", "MinimalLettersOutstanding", "MinimalRejectedTriageResponse");

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
    }

    record Run(int exitCode, List<String> lines) {
        String last() {
            return lines.get(lines.size() - 1);
        }

        List<String> scenarioLines() {
            return lines.stream().filter(l -> l.startsWith("PASS ") || l.startsWith("FAIL ")).toList();
        }
    }

    /** The simulator's own random token: the application's, good for A004 only. */
    @Autowired
    EmbeddedErsCredentials simulator;

    @Autowired
    UserErsTokens userTokens;

    /**
     * The coordinator's user-restricted token, as demo mode gives a demo user who authenticates with
     * their password; handed over as the environment variable a real run would use. The coordinator
     * acts as REFERRING_CLINICIAN_ADMIN at R69, the one e-RS role they hold, so every scenario does.
     */
    Run run(String... args) {
        String[] asCoordinator = Arrays.copyOf(args, args.length + 1);
        asCoordinator[args.length] = "--ers.business-function=REFERRING_CLINICIAN_ADMIN";
        return run(Map.of("ERS_ACCESS_TOKEN", coordinatorToken()), asCoordinator);
    }

    String coordinatorToken() {
        HttpRequest signIn = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/api/referrals/none-such"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "coordinator:demo".getBytes(StandardCharsets.UTF_8))).GET().build();
        try {
            assertThat(http.send(signIn, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return userTokens.current("coordinator").orElseThrow().value();
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ConformanceRunner.run(args, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @BeforeEach
    void resetSimulator() {
        assertThat(admin("POST", "/ers-sim/admin/reset", "{}")).isBetween(200, 204);
    }

    @Test
    void everyScenarioPassesAgainstTheEmbeddedSimulator() {
        Run run = run("--ers.base-url=" + BASE_URL);

        assertThat(run.scenarioLines()).as(String.join("\n", run.lines())).allMatch(l -> PASS.matcher(l).matches());
        assertThat(String.join("\n", run.lines())).as("the token is printed nowhere").doesNotContain(coordinatorToken());
        List<String> expected = new ReferrerScenarios(null, null, false).scenarios().stream()
                .map(Scenario::label).toList();
        assertThat(run.scenarioLines().stream().map(l -> l.substring(5, l.lastIndexOf(" ("))).toList())
                .containsExactlyElementsOf(expected);
        Matcher summary = SUMMARY.matcher(run.last());
        assertThat(summary.matches()).as(run.last()).isTrue();
        assertThat(Integer.parseInt(summary.group(1))).isEqualTo(run.scenarioLines().size());
        assertThat(summary.group(2)).isEqualTo("0");
        assertThat(run.exitCode()).isZero();

        // at least one scenario per official referrer example request it covers
        List<String> requests = officialReferrerRequests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(30);
        assertThat(run.scenarioLines()).hasSizeGreaterThanOrEqualTo(requests.size());
        assertThat(run.scenarioLines().stream().filter(l -> l.contains(" createReferral/")
                || l.contains(" bookOrDeferAppointment/") || l.contains(" cancelReferral/"))).hasSize(4 + 6 + 8);
    }

    @Test
    void everyOfficialReferrerRequestHasAScenario() {
        List<String> scenarioExamples = new ReferrerScenarios(null, null, false).scenarios().stream()
                .map(Scenario::example).toList();
        List<String> fixedExamples = new ReferrerScenarios(null, null, true).scenarios().stream()
                .map(Scenario::example).toList();
        for (String request : officialReferrerRequests()) {
            assertThat(scenarioExamples).as(request).contains(request);
        }
        // every scenario names an official example that exists
        for (String example : fixedExamples) {
            assertThat(ErsApiExamples.example(example)).as(example).isRegularFile();
        }
        assertThat(fixedExamples).doesNotHaveDuplicates().containsAll(scenarioExamples);
    }

    @Test
    void aFailingServerGivesFailLinesAndANonZeroExit() {
        assertThat(admin("POST", "/ers-sim/admin/faults", "{\"operation\":\"A011\",\"status\":500,\"times\":100}"))
                .isEqualTo(201);

        Run run = run("--ers.base-url=" + BASE_URL);

        assertThat(run.scenarioLines()).anyMatch(l -> l.startsWith("FAIL A011 createReferral/MinimalRequest ")
                && l.contains("HTTP 500"));
        assertThat(run.scenarioLines()).anyMatch(l -> l.startsWith("PASS A004 "));
        Matcher summary = SUMMARY.matcher(run.last());
        assertThat(summary.matches()).as(run.last()).isTrue();
        long failLines = run.scenarioLines().stream().filter(l -> l.startsWith("FAIL ")).count();
        assertThat(Integer.parseInt(summary.group(2))).isPositive().isEqualTo((int) failLines);
        assertThat(Integer.parseInt(summary.group(1)) + Integer.parseInt(summary.group(2)))
                .isEqualTo(run.scenarioLines().size());
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void aWrongTokenFailsEveryScenario() {
        Run run = run("--ers.base-url=" + BASE_URL, "--ers.auth.token=not-a-token");

        assertThat(run.scenarioLines()).isNotEmpty().allMatch(l -> l.startsWith("FAIL "));
        assertThat(run.last()).isEqualTo("0 passed, " + run.scenarioLines().size() + " failed");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void theApplicationsOwnTokenPassesTheApplicationRestrictedReadsOnly() {
        Run run = run(Map.of("ERS_ACCESS_TOKEN", simulator.accessToken()), "--ers.base-url=" + BASE_URL);

        assertThat(run.scenarioLines()).filteredOn(l -> l.startsWith("PASS ")).isNotEmpty()
                .allMatch(l -> l.startsWith("PASS A004 "));
        assertThat(run.scenarioLines()).anyMatch(l -> l.startsWith("FAIL A030 ") && l.contains("403"))
                .anyMatch(l -> l.startsWith("FAIL A011 createReferral/MinimalRequest ") && l.contains("403"));
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void refusesToRunWithoutABaseUrl() {
        Run run = run("--ers.ods-code=R69");

        assertThat(run.exitCode()).isEqualTo(ConformanceRunner.USAGE_ERROR);
        assertThat(run.lines().get(0)).contains("--ers.base-url is required");
    }

    @Test
    void refusesToRunWithoutATokenInsteadOfGuessingOne() {
        Run run = run(Map.of(), "--ers.base-url=" + BASE_URL);

        assertThat(run.exitCode()).isEqualTo(ConformanceRunner.USAGE_ERROR);
        assertThat(run.lines().get(0)).contains("ERS_ACCESS_TOKEN (or --ers.auth.token) is required");
    }

    /** {@code stu3/<operation>/requests/<file>} of every official referrer example request. */
    static List<String> officialReferrerRequests() {
        Path stu3 = ErsApiExamples.root().resolve("examples/stu3");
        List<String> requests = new java.util.ArrayList<>(REQUEST_OPERATIONS.stream().flatMap(operation -> {
            try (Stream<Path> files = Files.list(stu3.resolve(operation).resolve("requests"))) {
                return files.map(f -> "stu3/" + operation + "/requests/" + f.getFileName()).sorted().toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList());
        for (String worklist : REFERRER_WORKLIST_REQUESTS) {
            String request = "stu3/retrieveWorklist/requests/" + worklist + ".json";
            assertThat(ErsApiExamples.example(request)).as(request).isRegularFile();
            requests.add(request);
        }
        return requests;
    }

    private int admin(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "admin:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
