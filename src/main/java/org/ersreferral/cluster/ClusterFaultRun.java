package org.ersreferral.cluster;

import static org.ersreferral.process.ReferralVariables.NHS_NUMBER;
import static org.ersreferral.process.ReferralVariables.OUTCOME;
import static org.ersreferral.process.ReferralVariables.UBRN;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.ersreferral.cluster.CoordinatorDriver.ReferralResult;
import org.ersreferral.referral.ReferralRecord;

/**
 * The fault run: one simulator JVM as e-RS, two nodes on one PostgreSQL database, coordinators
 * driving referrals over the public API while e-RS fails now and then (500, 503, 429 with Retry-After,
 * cut connections, and creates and bookings answered after the read timeout) and one node is killed
 * (SIGKILL) while it holds work. Then it checks that no referral was lost, created twice in e-RS,
 * cancelled in e-RS without a person asking, or left stuck, and that the killed node's work was done
 * by the other node within the lock time and one acquisition wait.
 */
public final class ClusterFaultRun {

    /**
     * @param referrals        how many referrals the coordinators drive
     * @param coordinators     how many at once
     * @param lockTime         the nodes' job lock time: the killed node's work waits this long
     * @param acquisitionWait  the longest a node's idle job acquisition waits ({@code camunda.bpm.job-execution.max-wait})
     * @param readTimeout      the nodes' e-RS read timeout; the slow answers take longer
     * @param reconcileAfter   how long after an unanswered change e-RS is checked ({@code ers.reconcile-after}); above
     *                         the slow answers' delay, as e-RS's own time to apply a change is below it
     * @param retryCycle       the e-RS steps' retry cycle ({@code ers.retry-cycle})
     * @param faultRate        the share of calls of each faulted operation that fail
     * @param killAfter        the share of referrals created in e-RS after which a node is killed
     * @param readyTimeout     how long each JVM may take to start
     * @param stepTimeout      how long a coordinator waits for a referral's next task
     */
    public record Settings(int referrals, int coordinators, Duration lockTime, Duration acquisitionWait,
                           Duration readTimeout, Duration reconcileAfter, String retryCycle, double faultRate,
                           double killAfter, Duration readyTimeout, Duration stepTimeout, long seed) {

        /** Short times for a run of a few minutes at most. */
        public static Settings quick(int referrals) {
            return new Settings(referrals, 6, Duration.ofSeconds(12), Duration.ofSeconds(2), Duration.ofSeconds(2),
                    Duration.ofSeconds(5), "PT1S,PT2S,PT2S,PT3S,PT5S", 0.12, 0.3, Duration.ofMinutes(10),
                    Duration.ofSeconds(90), System.nanoTime());
        }

        /** The bound within which the killed node's held work must be resumed by the other node. */
        public Duration resumeBound() {
            return lockTime.plus(acquisitionWait).plus(SLACK);
        }
    }

    /** Acquisition and polling take their own moments besides the lock time and the acquisition wait. */
    static final Duration SLACK = Duration.ofSeconds(3);

    /** The operations whose calls fail now and then, and which kinds of failure each gets. */
    private static final Map<String, List<String>> FAULTS = new LinkedHashMap<>();
    /** A kind each operation surely meets (its next call gets it until it has), so a short run sees every kind. */
    private static final Map<String, String> FIRST = Map.of("A030", "429", "A010", "reset", "A011", "slow", "A015", "500",
            "A016", "slow", "A005", "503", "A019", "reset");

    static {
        List<String> plain = List.of("500", "503", "429", "reset");
        List<String> withSlow = List.of("500", "503", "429", "reset", "slow");
        FAULTS.put("A030", plain);
        FAULTS.put("A010", plain);
        FAULTS.put("A011", withSlow);
        FAULTS.put("A015", plain);
        FAULTS.put("A016", withSlow);
        FAULTS.put("A005", plain);
        FAULTS.put("A019", plain);
    }

    /**
     * What the run found. {@code lost}: not ended, with no open task and no incident; {@code stuck}:
     * not ended with jobs still pending after the coordinators gave up waiting; {@code createdTwice}:
     * more than one e-RS referral for one request; {@code cancelledUnasked}: e-RS referrals cancelled
     * (A036) though no one asked for it.
     */
    public record Report(int started, Map<String, Integer> outcomes, int lost, int stuck, int withOpenTask,
                         int withIncident, int createdTwice, int cancelledUnasked, long cancelCalls,
                         Map<String, Long> injectedFaults, String killedNode, int jobsHeldAtKill,
                         Duration lastHeldJobResumed, Duration lastHeldJobDone, Duration resumeBound,
                         List<String> driverFailures, Duration elapsed, Duration stepLatencyP50,
                         Duration stepLatencyP99, Map<String, Duration> startupTimes) {

        public long faultsInjected() {
            return injectedFaults.values().stream().mapToLong(Long::longValue).sum();
        }

        public int ended() {
            return outcomes.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** What breaks the promise: lost, duplicated, cancelled unasked, stuck, or resumed late (empty: none). */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (lost > 0) {
                problems.add(lost + " referral(s) lost (no end, no open task, no incident)");
            }
            if (stuck > 0) {
                problems.add(stuck + " referral(s) stuck (jobs pending, no end)");
            }
            if (createdTwice > 0) {
                problems.add(createdTwice + " referral(s) created more than once in e-RS");
            }
            if (cancelledUnasked > 0 || cancelCalls > 0) {
                problems.add(cancelledUnasked + " referral(s) cancelled in e-RS (" + cancelCalls + " A036 calls) though no one asked");
            }
            if (jobsHeldAtKill == 0) {
                problems.add("the killed node held no job when it was killed");
            }
            if (lastHeldJobResumed == null || lastHeldJobResumed.compareTo(resumeBound) > 0) {
                problems.add("the killed node's work was resumed after " + seconds(lastHeldJobResumed) + ", beyond "
                        + seconds(resumeBound));
            }
            if (lastHeldJobDone == null) {
                problems.add("the killed node's work was not done by the other node");
            }
            if (!driverFailures.isEmpty()) {
                problems.add(driverFailures.size() + " referral(s) the coordinators could not work: " + driverFailures);
            }
            return problems;
        }

        public String describe() {
            StringBuilder text = new StringBuilder();
            text.append("Referrals started: ").append(started).append(", ended: ").append(ended()).append(' ').append(outcomes).append('\n');
            text.append("Lost: ").append(lost).append(", stuck: ").append(stuck).append(", waiting at a task: ").append(withOpenTask)
                    .append(", with an incident: ").append(withIncident).append('\n');
            text.append("Created twice in e-RS: ").append(createdTwice).append(", cancelled in e-RS unasked: ")
                    .append(cancelledUnasked).append(" (A036 calls: ").append(cancelCalls).append(")\n");
            text.append("Faults injected: ").append(faultsInjected()).append(' ').append(injectedFaults).append('\n');
            text.append("Killed ").append(killedNode).append(" holding ").append(jobsHeldAtKill).append(" job(s); the last resumed by the other node ")
                    .append(seconds(lastHeldJobResumed)).append(" after the kill (bound: lock time + acquisition wait = ")
                    .append(seconds(resumeBound)).append("), done ").append(seconds(lastHeldJobDone)).append(" after it\n");
            text.append("Step latency p50 ").append(stepLatencyP50.toMillis()).append(" ms, p99 ")
                    .append(stepLatencyP99.toMillis()).append(" ms (under faults); drive took ").append(seconds(elapsed)).append('\n');
            text.append("Start-up: ");
            startupTimes.forEach((name, time) -> text.append(name).append(' ').append(seconds(time)).append("  "));
            text.append('\n');
            List<String> problems = problems();
            text.append(problems.isEmpty() ? "OK: nothing lost, duplicated, cancelled unasked or stuck" : "PROBLEMS: " + String.join("; ", problems));
            return text.toString();
        }
    }

    private ClusterFaultRun() {
    }

    private static String seconds(Duration duration) {
        return duration == null ? "never" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * The run on an existing, empty PostgreSQL database; logs of the three JVMs in {@code logDirectory}.
     * Every JVM it starts is stopped before it returns.
     */
    public static Report run(Settings settings, String databaseUrl, String databaseUser, String databasePassword,
                             Path logDirectory, PrintStream progress) throws Exception {
        NodeDatabase database = NodeDatabase.postgres(databaseUrl, databaseUser, databasePassword);
        Map<String, String> nodeProperties = nodeProperties(settings);
        // Quick to start and light on a shared machine: this run is about correctness, not speed.
        List<String> jvm = List.of("-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        Map<String, Duration> startup = new LinkedHashMap<>();
        progress.println("Starting the e-RS simulator and node-1 (logs in " + logDirectory.toAbsolutePath() + ")");
        try (LocalSimulator simulator = LocalSimulator.launch(logDirectory, jvm);
             LocalNode first = LocalNode.launch("node-1", simulator, database, nodeProperties, logDirectory, jvm)) {
            simulator.awaitReady(settings.readyTimeout());
            first.awaitReady(settings.readyTimeout());
            startup.put(simulator.name(), simulator.startupTime());
            startup.put(first.name(), first.startupTime());
            // node-2 starts while the coordinators begin on node-1 (they move on from a node that does not
            // answer yet); node-1 is killed only once node-2 is ready to take its work.
            progress.println("Starting node-2");
            try (LocalNode second = LocalNode.launch("node-2", simulator, database, nodeProperties, logDirectory, jvm)) {
                return drive(settings, simulator, first, second, database, startup, progress);
            }
        }
    }

    static Map<String, String> nodeProperties(Settings settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(settings.lockTime().toMillis()));
        properties.put("camunda.bpm.job-execution.max-wait", String.valueOf(settings.acquisitionWait().toMillis()));
        properties.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
        properties.put("ers.read-timeout", settings.readTimeout().toMillis() + "ms");
        properties.put("ers.connect-timeout", "1s");
        properties.put("ers.reconcile-after", settings.reconcileAfter().toMillis() + "ms");
        properties.put("ers.retry-cycle", settings.retryCycle());
        // The budget is not what this run is about; 429s still come from the simulator.
        properties.put("ers.rate-limit.calls-per-second", "100");
        properties.put("referral.operations.job-shutdown-timeout", "5s");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "10s");
        return properties;
    }

    private static Report drive(Settings settings, LocalSimulator simulator, LocalNode first, LocalNode second,
                                NodeDatabase database, Map<String, Duration> startup, PrintStream progress) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        NodeClient simulatorAdmin = new NodeClient(http, List.of(simulator.url()), "admin", simulator.demoPassword(), 0);
        List<PlannedReferral> plan = PlannedReferral.plan("fault-" + Long.toHexString(settings.seed() & 0xffffff), settings.referrals());
        CoordinatorDriver driver = new CoordinatorDriver(List.of(first.url(), second.url()), first.demoPassword(),
                nhsNumber -> ubrnInErs(simulatorAdmin, nhsNumber), new CoordinatorDriver.Options(Duration.ofMillis(50),
                settings.stepTimeout(), Duration.ofMinutes(15)));

        AtomicBoolean running = new AtomicBoolean(true);
        Thread faults = new Thread(() -> injectFaults(simulatorAdmin, settings, running), "fault-injector");
        KillWatch kill = new KillWatch(first, second, database, simulatorAdmin, settings, running);
        Thread killer = new Thread(kill, "node-killer");
        faults.start();
        killer.start();
        CoordinatorDriver.RunResult result;
        try {
            // The first share runs while node-2 starts; the rest, during which node-1 is killed, once it is ready.
            int before = (int) Math.floor(plan.size() * settings.killAfter());
            progress.println("Driving " + settings.referrals() + " referrals with " + settings.coordinators() + " coordinators");
            long started = System.nanoTime();
            CoordinatorDriver.RunResult early = driver.run(plan.subList(0, before), settings.coordinators());
            second.awaitReady(settings.readyTimeout());
            CoordinatorDriver.RunResult late = driver.run(plan.subList(before, plan.size()), settings.coordinators());
            List<ReferralResult> all = new ArrayList<>(early.referrals());
            all.addAll(late.referrals());
            result = new CoordinatorDriver.RunResult(all, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            running.set(false);
            faults.interrupt();
            faults.join(10_000);
        }
        // The kill watch keeps following the killed node's jobs after the drive, within its own bound.
        killer.join(settings.resumeBound().plus(settings.stepTimeout()).toMillis() + 10_000);
        if (second.startupTime() != null) {
            startup.put(second.name(), second.startupTime());
        }
        return report(settings, result, simulatorAdmin, new NodeClient(http, List.of(second.url()), "admin",
                second.demoPassword(), 0), kill, startup);
    }

    /**
     * Re-arms each faulted operation every couple of seconds with another kind of failure, so all kinds are
     * spread over the run; until an operation has met its {@link #FIRST} kind, its next call gets that one.
     */
    private static void injectFaults(NodeClient simulator, Settings settings, AtomicBoolean running) {
        Random random = new Random(settings.seed());
        while (running.get()) {
            try {
                JsonNode injected = simulator.get("/ers-sim/admin/faults/injected").json();
                for (Map.Entry<String, List<String>> operation : FAULTS.entrySet()) {
                    String first = FIRST.get(operation.getKey());
                    boolean met = injected.path(operation.getKey() + " " + first).asLong() > 0;
                    String kind = met ? operation.getValue().get(random.nextInt(operation.getValue().size())) : first;
                    Map<String, Object> fault = new HashMap<>();
                    fault.put("operation", operation.getKey());
                    fault.put("rate", met ? settings.faultRate() : 1.0);
                    fault.put("times", met ? 1000 : 1);
                    switch (kind) {
                        case "reset" -> fault.put("reset", true);
                        case "slow" -> fault.put("delayMs", settings.readTimeout().toMillis() + 1000);
                        case "429" -> {
                            fault.put("status", 429);
                            fault.put("retryAfterSeconds", 1);
                        }
                        default -> fault.put("status", Integer.parseInt(kind));
                    }
                    simulator.post("/ers-sim/admin/faults", fault);
                }
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                // the simulator is busy; the next round arms again
            }
        }
    }

    /**
     * Kills node-1 once enough referrals exist in e-RS and it holds jobs, then follows those jobs until
     * the other node has taken each (resumed) and run it (done).
     */
    static final class KillWatch implements Runnable {
        private final LocalNode victim;
        private final LocalNode survivor;
        private final NodeDatabase database;
        private final NodeClient simulator;
        private final Settings settings;
        private final AtomicBoolean running;
        final AtomicReference<Duration> lastResumed = new AtomicReference<>();
        final AtomicReference<Duration> lastDone = new AtomicReference<>();
        volatile int held;
        volatile String failure;

        KillWatch(LocalNode victim, LocalNode survivor, NodeDatabase database, NodeClient simulator, Settings settings,
                  AtomicBoolean running) {
            this.victim = victim;
            this.survivor = survivor;
            this.database = database;
            this.simulator = simulator;
            this.settings = settings;
            this.running = running;
        }

        @Override
        public void run() {
            try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
                survivor.awaitReady(settings.readyTimeout());
                int wanted = (int) Math.ceil(settings.referrals() * settings.killAfter());
                Map<String, Integer> heldJobs = Map.of();
                while (running.get()) {
                    if (simulator.get("/ers-sim/admin/referrals").json().size() >= wanted) {
                        heldJobs = jobsHeldBy(connection, victim.name());
                        if (!heldJobs.isEmpty()) {
                            break;
                        }
                    }
                    Thread.sleep(50);
                }
                if (heldJobs.isEmpty()) {
                    failure = "the drive ended before " + victim.name() + " held a job";
                    return;
                }
                victim.kill();
                long killedAt = System.nanoTime();
                held = heldJobs.size();
                follow(connection, heldJobs, killedAt);
            } catch (Exception e) {
                failure = e.toString();
            }
        }

        private void follow(Connection connection, Map<String, Integer> heldJobs, long killedAt) throws SQLException, InterruptedException {
            Map<String, Integer> notResumed = new HashMap<>(heldJobs);
            Map<String, Integer> notDone = new HashMap<>(heldJobs);
            long deadline = killedAt + settings.resumeBound().plus(settings.stepTimeout()).toNanos();
            while (!notDone.isEmpty() && System.nanoTime() < deadline) {
                Map<String, Job> now = jobs(connection, notDone.keySet());
                Duration since = Duration.ofNanos(System.nanoTime() - killedAt);
                for (String id : List.copyOf(notDone.keySet())) {
                    Job job = now.get(id);
                    boolean taken = job == null || job.rev() > heldJobs.get(id);
                    boolean done = job == null || job.rev() > heldJobs.get(id) && job.owner() == null;
                    if (taken && notResumed.remove(id) != null) {
                        lastResumed.set(since);
                    }
                    if (done) {
                        notDone.remove(id);
                        lastDone.set(since);
                    }
                }
                Thread.sleep(100);
            }
            if (!notResumed.isEmpty()) {
                lastResumed.set(null);
            }
            if (!notDone.isEmpty()) {
                lastDone.set(null);
            }
        }

        private record Job(int rev, String owner) {
        }

        private static Map<String, Integer> jobsHeldBy(Connection connection, String owner) throws SQLException {
            Map<String, Integer> held = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("select id_, rev_ from act_ru_job where lock_owner_ = ?")) {
                query.setString(1, owner);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        held.put(rows.getString(1), rows.getInt(2));
                    }
                }
            }
            return held;
        }

        private static Map<String, Job> jobs(Connection connection, java.util.Set<String> ids) throws SQLException {
            Map<String, Job> found = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement("select rev_, lock_owner_ from act_ru_job where id_ = ?")) {
                for (String id : ids) {
                    query.setString(1, id);
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next()) {
                            found.put(id, new Job(rows.getInt(1), rows.getString(2)));
                        }
                    }
                }
            }
            return found;
        }
    }

    /** The UBRN of the e-RS referral for this NHS number, as a coordinator would find it in e-RS. */
    private static Optional<String> ubrnInErs(NodeClient simulator, String nhsNumber) throws IOException, InterruptedException {
        for (JsonNode referral : simulator.get("/ers-sim/admin/referrals").json()) {
            if (nhsNumber.equals(referral.path(NHS_NUMBER.name()).asText())) {
                return Optional.of(referral.path(UBRN.name()).asText());
            }
        }
        return Optional.empty();
    }

    private static Report report(Settings settings, CoordinatorDriver.RunResult result, NodeClient simulator, NodeClient survivor,
                                 KillWatch kill, Map<String, Duration> startup) throws IOException, InterruptedException {
        Map<String, Integer> outcomes = new TreeMap<>();
        int lost = 0;
        int stuck = 0;
        int withTask = 0;
        int withIncident = 0;
        List<String> failures = new ArrayList<>();
        for (ReferralResult referral : result.referrals()) {
            if (referral.ended()) {
                outcomes.merge(String.valueOf(referral.outcome()), 1, Integer::sum);
                continue;
            }
            String key = URLEncoder.encode(referral.referral().requestId(), StandardCharsets.UTF_8);
            JsonNode state = survivor.get("/api/referrals/" + key).json();
            if (ReferralRecord.Status.COMPLETED.name().equals(state.path("status").asText())) {
                outcomes.merge(state.path(OUTCOME.name()).asText(), 1, Integer::sum);
                continue;
            }
            if (referral.failure() != null && !referral.failure().startsWith(CoordinatorDriver.NO_PROGRESS)) {
                failures.add(referral.referral().requestId() + ": " + referral.failure());
            }
            int tasks = survivor.get("/engine-rest/task/count?processInstanceBusinessKey=" + key).json().path("count").asInt();
            int incidents = 0;
            int jobs = 0;
            for (JsonNode instance : survivor.get("/engine-rest/process-instance?businessKey=" + key).json()) {
                String id = instance.path("id").asText();
                incidents += survivor.get("/engine-rest/incident/count?processInstanceId=" + id).json().path("count").asInt();
                jobs += survivor.get("/engine-rest/job/count?processInstanceId=" + id).json().path("count").asInt();
            }
            if (tasks > 0) {
                withTask++;
            } else if (incidents > 0) {
                withIncident++;
            } else if (jobs > 0) {
                stuck++;
            } else {
                lost++;
            }
        }
        Map<String, Integer> perRequest = new HashMap<>();
        int cancelled = 0;
        for (JsonNode referral : simulator.get("/ers-sim/admin/referrals").json()) {
            perRequest.merge(referral.path(NHS_NUMBER.name()).asText(), 1, Integer::sum);
            if ("CANCELLED_REFERRAL".equals(referral.path("status").asText())) {
                cancelled++;
            }
        }
        int createdTwice = (int) perRequest.values().stream().filter(count -> count > 1).count();
        long cancelCalls = simulator.get("/ers-sim/admin/calls").json().path("A036").asLong();
        Map<String, Long> injected = new TreeMap<>();
        simulator.get("/ers-sim/admin/faults/injected").json().fields().forEachRemaining(e -> injected.put(e.getKey(), e.getValue().asLong()));
        if (kill.failure != null) {
            failures.add("kill: " + kill.failure);
        }
        return new Report(result.referrals().size(), outcomes, lost, stuck, withTask, withIncident, createdTwice, cancelled,
                cancelCalls, injected, "node-1", kill.held, kill.lastResumed.get(), kill.lastDone.get(), settings.resumeBound(),
                failures, result.elapsed(), result.stepLatencyPercentile(50), result.stepLatencyPercentile(99), startup);
    }
}
