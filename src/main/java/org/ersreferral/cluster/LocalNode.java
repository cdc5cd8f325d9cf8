package org.ersreferral.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine node in a child JVM: the whole application with its simulator off, calling the
 * {@link LocalSimulator} as its e-RS with the simulator's application token ({@code ers.auth.mode=static}:
 * no person signs in here), demo users on with the simulator's demo password, on the given database.
 * Its name is the lock owner of the jobs it holds.
 */
public final class LocalNode extends LocalApplication {

    private final LocalSimulator simulator;

    private LocalNode(String name, LocalSimulator simulator, NodeDatabase database, Map<String, String> extra,
                      Path logDirectory, List<String> jvmOptions) {
        super(name, logDirectory, jvmOptions, properties(name, simulator, database, extra), environment(simulator, database));
        this.simulator = simulator;
    }

    /**
     * Starts a node and waits until it is ready (at most {@code readyTimeout}). {@code properties} are
     * set on top of the node's own (e.g. a short job lock time, a retry cycle, a rate limit).
     */
    public static LocalNode start(String name, LocalSimulator simulator, NodeDatabase database,
                                  Map<String, String> properties, Path logDirectory, List<String> jvmOptions,
                                  Duration readyTimeout) {
        LocalNode node = launch(name, simulator, database, properties, logDirectory, jvmOptions);
        node.awaitReady(readyTimeout);
        return node;
    }

    /**
     * Launches a node; {@link #awaitReady(Duration)} before calling it. Nodes new to one database are
     * launched one after the other (each awaited first): the first creates the engine's tables.
     */
    public static LocalNode launch(String name, LocalSimulator simulator, NodeDatabase database,
                                   Map<String, String> properties, Path logDirectory, List<String> jvmOptions) {
        return new LocalNode(name, simulator, database, properties, logDirectory, jvmOptions);
    }

    private static Map<String, String> properties(String name, LocalSimulator simulator, NodeDatabase database,
                                                  Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("referral.operations.job-lock-owner", name);
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.user());
        properties.put("ers.simulator.enabled", "false");
        properties.put("ers.base-url", simulator.fhirBaseUrl());
        properties.put("ers.auth.mode", "static");
        properties.put("referral.security.demo-users-enabled", "true");
        properties.putAll(extra);
        return properties;
    }

    private static Map<String, String> environment(LocalSimulator simulator, NodeDatabase database) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ERS_ACCESS_TOKEN", simulator.accessToken());
        environment.put("DEMO_PASSWORD", simulator.demoPassword());
        environment.put("DATABASE_PASSWORD", database.password());
        if (database.tokenKey() != null) {
            environment.put("ERS_TOKEN_KEY", database.tokenKey());
        }
        return environment;
    }

    /** The password of the demo users (coordinator, admin) on this node. */
    public String demoPassword() {
        return simulator.demoPassword();
    }
}
