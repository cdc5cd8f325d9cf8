package org.ersreferral.process.delegate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Delegates read, call, write: each file at most 30 lines, so orchestration stays in the step
 * service, labels in mappers and the error mapping in one place. That one place, the base class
 * {@link ErsTaskDelegate}, is the only file allowed to be longer.
 */
class DelegateLengthTest {

    private static final int MAX_LINES = 30;
    private static final Path DELEGATES = Path.of("src/main/java/org/ersreferral/process/delegate");

    @Test
    void everyDelegateFileIsAtMostThirtyLines() throws IOException {
        Map<String, Integer> lineCounts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DELEGATES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Delegate.java")).sorted().toList()) {
                lineCounts.put(file.getFileName().toString(), Files.readAllLines(file).size());
            }
        }

        assertThat(lineCounts).containsKeys("BookAppointmentDelegate.java", "CreateReferralDelegate.java",
                "LoadReferenceDataDelegate.java", "ErsTaskDelegate.java");
        List<String> tooLong = lineCounts.entrySet().stream()
                .filter(e -> !e.getKey().equals("ErsTaskDelegate.java") && e.getValue() > MAX_LINES)
                .map(e -> e.getKey() + " has " + e.getValue() + " lines").toList();
        assertThat(tooLong).as("delegates over %d lines", MAX_LINES).isEmpty();
    }
}
