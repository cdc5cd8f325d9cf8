package org.ersreferral.ers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The official e-RS API material in {@code ../shared/ers-api}, beside the project. Tests read the
 * example requests and responses from there; the files are never copied into the project.
 *
 * <p>When the folder is absent the test says so: it aborts with the reason on a developer's
 * machine and fails in CI ({@code CI=true}), where the folder is always present.
 */
public final class ErsApiExamples {

    private static final Path ROOT = locate();

    private ErsApiExamples() {
    }

    /** The folder, e.g. {@code root().resolve("examples/stu3/createReferral")}. */
    public static Path root() {
        if (!Files.isDirectory(ROOT)) {
            String reason = "e-RS API reference folder not found at " + ROOT.toAbsolutePath().normalize()
                    + " (set ERS_API_DIR or place shared/ers-api beside the project)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        return ROOT;
    }

    /** An example file below {@code examples/}, e.g. {@code stu3/createReferral/requests/MinimalRequest.json}. */
    public static Path example(String relativePath) {
        return root().resolve("examples").resolve(relativePath);
    }

    public static String read(String relativePath) {
        try {
            return Files.readString(example(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] readBytes(String relativePath) {
        try {
            return Files.readAllBytes(example(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        String configured = System.getenv("ERS_API_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of("..", "shared", "ers-api");
    }
}
