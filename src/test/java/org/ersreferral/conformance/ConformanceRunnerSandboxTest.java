package org.ersreferral.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ersreferral.ers.ErsApiExamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner in fixed-ids (sandbox) mode against {@link ExampleSandbox}, which, like the NHS
 * sandbox, answers only the official example requests: shows which scenarios send exactly an
 * official example and which cannot.
 */
class ConformanceRunnerSandboxTest {

    ExampleSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        ErsApiExamples.root(); // says why when the official material is absent
        sandbox = new ExampleSandbox();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void inFixedIdsModeEveryRequestIsAnOfficialExample() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ConformanceRunner.run(new String[] {"--ers.base-url=" + sandbox.baseUrl(),
                "--conformance.fixed-ids=true", "--ers.auth.token=sandbox"}, Map.of(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        String output = String.join("\n", lines);

        List<String> failed = lines.stream().filter(l -> l.startsWith("FAIL ")).toList();
        assertThat(failed).as(output).isEmpty();
        int scenarios = new ReferrerScenarios(null, null, true).scenarios().size();
        assertThat(lines.get(lines.size() - 1)).isEqualTo(scenarios + " passed, 0 failed");
        assertThat(exit).isZero();

        // every POST scenario sent one official example request, each a different one
        List<String> posted = new ReferrerScenarios(null, null, true).scenarios().stream().map(Scenario::example)
                .filter(e -> e.contains("/requests/") && e.endsWith(".json")).toList();
        assertThat(sandbox.matched).containsExactlyInAnyOrderElementsOf(posted);
    }
}
