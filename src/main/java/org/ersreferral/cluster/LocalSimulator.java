package org.ersreferral.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JVM serving only as the e-RS: the embedded simulator on its own in-memory H2, no job execution,
 * any valid token may call anything (the nodes act with one application token). Its demo users'
 * password, chosen here, is the one of its nodes too; {@code admin} uses it on the control API.
 */
public final class LocalSimulator extends LocalApplication {

    private final String accessToken;
    private final String demoPassword;

    private LocalSimulator(Path logDirectory, List<String> jvmOptions, String accessToken, String demoPassword) {
        super("ers-simulator", logDirectory, jvmOptions, properties(), Map.of(
                "ERS_SIMULATOR_ACCESS_TOKEN", accessToken,
                "DEMO_PASSWORD", demoPassword));
        this.accessToken = accessToken;
        this.demoPassword = demoPassword;
    }

    /** Starts it and waits until it is ready (at most {@code readyTimeout}). */
    public static LocalSimulator start(Path logDirectory, List<String> jvmOptions, Duration readyTimeout) {
        LocalSimulator simulator = launch(logDirectory, jvmOptions);
        simulator.awaitReady(readyTimeout);
        return simulator;
    }

    /** Launches it; {@link #awaitReady(Duration)} before calling it (its nodes may be launched meanwhile). */
    public static LocalSimulator launch(Path logDirectory, List<String> jvmOptions) {
        return new LocalSimulator(logDirectory, jvmOptions, Secrets.random(24), Secrets.random(18));
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", "jdbc:h2:mem:ers-simulator-" + Secrets.random(6) + ";DB_CLOSE_DELAY=-1");
        properties.put("spring.datasource.username", "sa");
        properties.put("ers.simulator.enabled", "true");
        properties.put("ers.simulator.user-restricted-access", "false");
        properties.put("referral.security.demo-users-enabled", "true");
        properties.put("camunda.bpm.job-execution.enabled", "false");
        return properties;
    }

    /** The FHIR base URL the nodes call: {@code http://localhost:<port>/ers-sim/FHIR}. */
    public String fhirBaseUrl() {
        return url() + "/ers-sim/FHIR";
    }

    /** The bearer token it accepts. */
    public String accessToken() {
        return accessToken;
    }

    /** The demo users' password here and on its nodes. */
    public String demoPassword() {
        return demoPassword;
    }
}
