package org.ersreferral.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * This application running in a child JVM on a free localhost port: launched, then awaited until its
 * readiness probe answers UP ({@link #awaitReady(Duration)}, which the {@code start} methods do; several
 * can be launched first and awaited together); stopped with SIGTERM ({@link #stop()}, {@link #close()})
 * or SIGKILL ({@link #kill()}).
 */
public abstract class LocalApplication implements AutoCloseable {

    /** How long {@link #stop()} waits for a graceful end (the application's own shutdown takes up to 40 s) before it kills. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final long launched;
    private volatile Duration startupTime;

    /** Launches the JVM; it is not ready yet. */
    LocalApplication(String name, Path logDirectory, List<String> jvmOptions, Map<String, String> properties,
                     Map<String, String> environment) {
        this.name = name;
        this.port = freePort();
        this.log = logDirectory.resolve(name + ".log");
        List<String> arguments = new java.util.ArrayList<>();
        arguments.add("--server.port=" + port);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        this.launched = System.nanoTime();
        this.process = ChildJvm.start(jvmOptions, arguments, environment, log);
    }

    /**
     * Waits until the readiness probe answers UP, at most {@code timeout}; a JVM that ends or is not
     * ready in time is killed and the failure names its log. Answers this.
     */
    public LocalApplication awaitReady(Duration timeout) {
        try {
            probeUntilReady(timeout);
        } catch (RuntimeException | Error e) {
            kill();
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - launched);
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>}. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** From the launch of the JVM until its readiness probe answered UP (null until then). */
    public Duration startupTime() {
        return startupTime;
    }

    /** The file its output goes to. */
    public Path logFile() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time the JVM has used so far (empty once it has ended, or where the system does not tell). */
    public Optional<Duration> cpuTime() {
        return process.toHandle().info().totalCpuDuration();
    }

    /** SIGTERM: the application's graceful shutdown; SIGKILL after {@link #STOP_TIMEOUT}. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL: the JVM ends at once, with no shutdown of its own (a node that dies). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void probeUntilReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with exit code " + process.exitValue()
                        + " before it was ready; see " + log + ": " + lastLines(5));
            }
            try {
                HttpResponse<String> answer = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while " + name + " started", e);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while " + name + " started", e);
            }
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    private String lastLines(int count) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable)";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on localhost", e);
        }
    }
}
