package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every process variable name and every element id, error code, message name and process key is
 * spelt once, in the class that declares it ({@link ReferralVariables}, {@link ReferralProcess});
 * the rest of the main code names the constant, so a rename cannot miss a use.
 */
class DeclaredNamesTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final Set<String> DECLARING = Set.of("ReferralVariables.java", "ReferralProcess.java", "FollowUp.java");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Code that speaks another party's vocabulary, whose names only share the spelling: path prefix, and why. */
    private static final Map<String, String> OTHER_VOCABULARIES = Map.of(
            "ers/", "e-RS's FHIR parameter and path names: the e-RS API's contract",
            "simulator/", "the e-RS simulator, answering in e-RS's names",
            "history/AnalyticsController.java", "field names of the analytics API's JSON answers",
            "history/ReportFilter.java", "field names of the analytics API's JSON answers",
            "operations/ErsCallMetrics.java", "the outcome tag of e-RS call metrics",
            "operations/ErsBudgetMetrics.java", "the outcome tag of the e-RS call budget's wait timer");

    /** Single literals that mean something else in a file that otherwise uses the constants. */
    private static final Map<String, Set<String>> OTHER_MEANINGS = Map.of(
            // A Tasklist filter's own sort priority, beside the variable it lists.
            "security/AccessSetup.java", Set.of("priority"),
            // The outcome tag of the e-RS call budget's wait timer, read from the nodes' metrics.
            "benchmark/Benchmark.java", Set.of("outcome"),
            // The authentication realm's name, which happens to be the process key's spelling.
            "security/Problems.java", Set.of("ers-referral"),
            // The referral record's fields, named in the coordinators' list's search criteria.
            "referral/ReferralList.java", Set.of("requestId", "ubrn"));

    @Test
    void noDeclaredNameIsSpeltOutsideTheClassThatDeclaresIt() throws IOException {
        Set<String> declared = declaredNames();
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (DECLARING.contains(file.getFileName().toString())) {
                    continue;
                }
                String relative = MAIN.resolve("org/ersreferral").relativize(file).toString().replace('\\', '/');
                if (OTHER_VOCABULARIES.keySet().stream().anyMatch(relative::startsWith)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher literal = LITERAL.matcher(codeOf(lines.get(i)));
                    while (literal.find()) {
                        String text = literal.group(1);
                        if (declared.contains(text) && !OTHER_MEANINGS.getOrDefault(relative, Set.of()).contains(text)) {
                            hits.add(file + ":" + (i + 1) + " spells \"" + text + "\"");
                        }
                    }
                }
            }
        }
        assertThat(hits).as("declared names spelt as literals; use the constant").isEmpty();
    }

    @Test
    void theScanFindsTheNamesItLooksFor() throws IOException {
        Set<String> declared = declaredNames();
        assertThat(declared).contains("outcome", "serviceCount", "EndEvent_AppointmentBooked", "ERS_REJECTED", "CancelReferral");
        Matcher literal = LITERAL.matcher(codeOf("execution.getVariable(\"outcome\"); // \"ubrn\""));
        List<String> found = new ArrayList<>();
        while (literal.find()) {
            found.add(literal.group(1));
        }
        assertThat(found).containsExactly("outcome");
    }

    /** The names: variable names of ReferralVariables' typed declarations, and ReferralProcess' ids. */
    static Set<String> declaredNames() {
        Map<String, String> names = new TreeMap<>();
        for (Class<?> declaring : List.of(ReferralVariables.class, FollowUp.class)) {
            for (Field field : declaring.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProcessVariable.class) {
                    names.put(((ProcessVariable<?>) read(field)).name(), field.getName());
                }
            }
        }
        for (Class<?> declaring : List.of(ReferralProcess.class, FollowUp.class)) {
            for (Field field : declaring.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    names.put((String) read(field), field.getName());
                }
            }
        }
        return names.keySet();
    }

    /** The line without its trailing comment, so prose may name a variable. */
    private static String codeOf(String line) {
        String trimmed = line.trim();
        if (trimmed.startsWith("*") || trimmed.startsWith("/*") || trimmed.startsWith("//")) {
            return "";
        }
        int comment = line.indexOf(" // ");
        return comment < 0 ? line : line.substring(0, comment);
    }

    private static Object read(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
