package org.ersreferral.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.ersreferral.ErsReferralApplication;

/**
 * This application started again in a child JVM: from the fat jar when the current JVM runs from it,
 * else from the current class path; with the same java binary. Every child still running when the
 * current JVM ends is killed by a shutdown hook, so none outlives a test or a command that failed.
 */
public final class ChildJvm {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "child-jvm-reaper"));
    }

    private ChildJvm() {
    }

    /**
     * Starts the application with {@code arguments} ({@code --property=value}); {@code environment} adds
     * to the inherited environment (secrets go there, not on the command line, which {@code ps} shows).
     * Its output, standard and error, goes to {@code log}; it runs in the log's directory, so nothing
     * of the current directory (a project's {@code bpmn/}, {@code ./data}) is taken for its own.
     */
    public static Process start(List<String> jvmOptions, List<String> arguments, Map<String, String> environment, Path log) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(launch());
        command.addAll(arguments);
        Path directory = log.toAbsolutePath().getParent();
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(directory);
            Process process = builder.start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command.get(0), e);
        }
    }

    /** The java binary of the current JVM. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code -jar <fat jar>} when the current JVM runs from it, else {@code -cp <class path> <main class>}. */
    static List<String> launch() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            Optional<Attributes> manifest = manifest(Path.of(classPath));
            if (manifest.map(attributes -> attributes.getValue("Start-Class")).isPresent()) {
                return List.of("-jar", Path.of(classPath).toAbsolutePath().toString());
            }
            // A jar that only lists the class path in its manifest (as Maven's test runner starts JVMs): the
            // child gets the entries themselves, which Spring's classpath*: scans would otherwise see twice.
            String listed = manifest.map(attributes -> attributes.getValue(Attributes.Name.CLASS_PATH)).orElse(null);
            if (listed != null) {
                classPath = expand(Path.of(classPath), listed);
            }
        }
        return List.of("-cp", absolute(classPath), ErsReferralApplication.class.getName());
    }

    private static Optional<Attributes> manifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return Optional.ofNullable(file.getManifest()).map(Manifest::getMainAttributes);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String absolute(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String expand(Path jar, String classPathAttribute) {
        URI base = jar.toAbsolutePath().toUri();
        List<String> entries = new ArrayList<>();
        for (String entry : classPathAttribute.trim().split("\\s+")) {
            entries.add(Path.of(base.resolve(entry)).toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
