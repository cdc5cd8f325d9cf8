package org.ersreferral.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ersreferral.cluster.ChildJvm;
import org.ersreferral.cluster.CoordinatorDriver;
import org.ersreferral.cluster.LocalApplication;
import org.ersreferral.cluster.LocalNode;
import org.ersreferral.cluster.LocalSimulator;
import org.ersreferral.cluster.NodeClient;
import org.ersreferral.cluster.NodeDatabase;
import org.ersreferral.cluster.PlannedReferral;
import org.ersreferral.demohistory.CommandOptions;

/**
 * {@code java -jar ers-referral.jar benchmark}: the application measured from outside. An e-RS
 * simulator in a JVM of its own; for each configuration (H2 with one node, PostgreSQL with one and
 * with two nodes) the nodes in JVMs of their own, warm-up referrals, then N referrals driven by C
 * concurrent coordinators over the public API; the same referrals' e-RS calls made by a plain loop
 * without the engine; and a short run with the e-RS call budget on. Prints one table.
 */
public final class Benchmark {

    /** The first program argument that selects this command. */
    public static final String COMMAND = "benchmark";
    static final Set<String> OPTIONS = Set.of("referrals", "coordinators", "warmup", "databases", "nodes", "budget",
            "budget-referrals");
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PLAIN_LOOP_TIMEOUT = Duration.ofMinutes(20);
    /** The booked path's service: as many free slots as the simulator allows, so bookings do not run out. */
    private static final String BOOKED_SERVICE = "11002";
    private static final int MOST_FREE_SLOTS = 500;

    private final PrintStream out;
    private final Path runDirectory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Benchmark(PrintStream out, Path runDirectory) {
        this.out = out;
        this.runDirectory = runDirectory;
    }

    record Settings(int referrals, int coordinators, int warmup, List<String> databases, List<Integer> nodes, int budget,
                    int budgetReferrals) {
    }

    record Configuration(String database, int nodes) {
        String label() {
            return (database.equals(BenchmarkDatabase.H2) ? "H2" : "PostgreSQL") + ", " + nodes + (nodes == 1 ? " node" : " nodes");
        }

        String prefix() {
            return database + "-" + nodes;
        }
    }

    /** The figures of one configuration, per timed referral where it says so. */
    record Row(Configuration configuration, int ended, int failed, double referralsPerSecond, double cpuMsPerReferral,
               double ersCallsPerReferral, double sqlPerReferral, double historyBytesPerReferral, double httpPerReferral,
               Duration stepP50, Duration stepP95, Duration stepP99, double jobDelayP50Ms, double jobDelayP99Ms,
               List<Duration> startupTimes, List<String> failures, Map<String, Double> callsByOperation) {
    }

    record PlainResult(int referrals, int failed, long calls, long wallMs, long cpuMs, String callsByOperation) {
    }

    record BudgetResult(Configuration configuration, int budget, int referrals, int ended, long calls, Duration elapsed,
                        long busiestSecond, double waitsSent, double waitsGaveUp, double waitedSeconds) {
    }

    public static void main(String[] args) {
        PlainLoop.rootLogLevel(ch.qos.logback.classic.Level.WARN);
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        Settings settings;
        try {
            CommandOptions options = new CommandOptions(args, OPTIONS);
            settings = new Settings(options.integer("referrals", 60, 1, 100_000), options.integer("coordinators", 10, 1, 500),
                    options.integer("warmup", 12, 0, 100_000), List.of(options.text("databases", "h2,postgres").split(",")),
                    List.of(options.text("nodes", "1,2").split(",")).stream().map(n -> Integer.parseInt(n.trim())).toList(),
                    options.integer("budget", 5, 0, 1000), options.integer("budget-referrals", 20, 0, 10_000));
            if (!settings.databases().stream().allMatch(d -> d.equals(BenchmarkDatabase.H2) || d.equals(BenchmarkDatabase.POSTGRES))) {
                throw new CommandOptions.UsageException("--databases takes h2 and/or postgres");
            }
            if (settings.nodes().stream().anyMatch(n -> n < 1 || n > 8)) {
                throw new CommandOptions.UsageException("--nodes takes numbers of nodes from 1 to 8");
            }
        } catch (NumberFormatException | CommandOptions.UsageException e) {
            out.println(COMMAND + ": " + e.getMessage());
            out.println("usage: java -jar ers-referral.jar benchmark [--referrals=60] [--coordinators=10] [--warmup=12]"
                    + " [--databases=h2,postgres] [--nodes=1,2] [--budget=5] [--budget-referrals=20]");
            return 2;
        }
        try {
            Path directory = Files.createTempDirectory("ers-benchmark-");
            return new Benchmark(out, directory).run(settings);
        } catch (IOException e) {
            out.println(COMMAND + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println(COMMAND + ": interrupted");
            return 1;
        }
    }

    private int run(Settings settings) throws InterruptedException {
        out.printf("e-RS referral benchmark: %d referrals after %d warm-up, %d coordinators; %d cores; logs in %s%n",
                settings.referrals(), settings.warmup(), settings.coordinators(), Runtime.getRuntime().availableProcessors(),
                runDirectory);
        List<Configuration> configurations = new ArrayList<>();
        for (String database : settings.databases()) {
            for (int nodes : settings.nodes()) {
                if (database.equals(BenchmarkDatabase.H2) && nodes > 1) {
                    out.println("H2 with " + nodes + " nodes left out: each node would have an H2 database of its own, "
                            + "sharing nothing; that is not a deployment (several nodes share one PostgreSQL)");
                    continue;
                }
                configurations.add(new Configuration(database, nodes));
            }
        }
        List<Row> rows = new ArrayList<>();
        PlainResult plain = null;
        BudgetResult budget = null;
        out.println("Starting the e-RS simulator ...");
        try (LocalSimulator simulator = LocalSimulator.start(runDirectory, List.of(), READY_TIMEOUT)) {
            out.printf("  ready in %.1f s at %s%n", seconds(simulator.startupTime()), simulator.url());
            boolean postgresReachable = true;
            Configuration lastRun = null;
            for (Configuration configuration : configurations) {
                if (configuration.database().equals(BenchmarkDatabase.POSTGRES) && !postgresReachable) {
                    continue;
                }
                try (BenchmarkDatabase database = database(configuration)) {
                    rows.add(measure(configuration, database, simulator, settings));
                    lastRun = configuration;
                } catch (SQLException e) {
                    if (configuration.database().equals(BenchmarkDatabase.POSTGRES)) {
                        postgresReachable = false;
                        out.println("PostgreSQL not reachable or refused (" + e.getMessage() + "): H2 only");
                    } else {
                        out.println(configuration.label() + " not measured: " + e.getMessage());
                    }
                } catch (RuntimeException e) {
                    // A node that did not start, a control call refused: the other configurations still run.
                    out.println(configuration.label() + " not measured: " + e.getMessage());
                }
            }
            plain = plainLoop(simulator, settings);
            if (settings.budget() > 0 && settings.budgetReferrals() > 0 && lastRun != null) {
                try (BenchmarkDatabase database = database(lastRun)) {
                    budget = budgetRun(lastRun, database, simulator, settings);
                } catch (SQLException e) {
                    out.println("Budget run not made: " + e.getMessage());
                }
            }
        }
        print(settings, rows, plain, budget);
        boolean complete = rows.stream().allMatch(r -> r.failed() == 0) && plain != null && plain.failed() == 0;
        return complete ? 0 : 1;
    }

    private BenchmarkDatabase database(Configuration configuration) throws SQLException {
        return configuration.database().equals(BenchmarkDatabase.H2) ? BenchmarkDatabase.h2(runDirectory)
                : BenchmarkDatabase.postgres();
    }

    private List<LocalNode> startNodes(Configuration configuration, BenchmarkDatabase database, LocalSimulator simulator,
                                       Map<String, String> properties) {
        NodeDatabase nodeDatabase = database.kind().equals(BenchmarkDatabase.H2)
                ? new NodeDatabase(database.url(), database.user(), database.password(), null)
                : NodeDatabase.postgres(database.url(), database.user(), database.password());
        List<LocalNode> nodes = new ArrayList<>();
        try {
            // One after the other: the first creates the schema of the empty database.
            for (int i = 1; i <= configuration.nodes(); i++) {
                LocalNode node = LocalNode.start(configuration.prefix() + "-node-" + i, simulator, nodeDatabase, properties,
                        runDirectory, List.of(), READY_TIMEOUT);
                nodes.add(node);
                out.printf("  %s ready in %.1f s%n", node.name(), seconds(node.startupTime()));
            }
            return nodes;
        } catch (RuntimeException e) {
            nodes.forEach(LocalApplication::kill);
            throw e;
        }
    }

    private Row measure(Configuration configuration, BenchmarkDatabase database, LocalSimulator simulator, Settings settings)
            throws InterruptedException, SQLException {
        out.println(configuration.label() + ": starting ...");
        // Throughput is measured with the e-RS call budget off; the budget run below has it on.
        List<LocalNode> nodes = startNodes(configuration, database, simulator, Map.of("ers.rate-limit.calls-per-second", "0"));
        try {
            prepareSimulator(simulator);
            CoordinatorDriver driver = driver(nodes);
            String prefix = "timed-" + configuration.prefix();
            if (settings.warmup() > 0) {
                CoordinatorDriver.RunResult warm = driver.run(PlannedReferral.plan("warmup-" + configuration.prefix(),
                        settings.warmup()), settings.coordinators());
                out.printf("  warm-up: %d of %d referrals ended in %.1f s%n", warm.ended(), settings.warmup(), seconds(warm.elapsed()));
                warm.referrals().stream().filter(r -> !r.ended()).limit(3)
                        .forEach(r -> out.println("    not ended: " + r.referral().requestId() + ": " + r.failure()));
            }
            Scrape before = scrape(nodes);
            List<Duration> cpuBefore = cpu(nodes);
            Map<String, Long> callsBefore = simulatorCallsByOperation(simulator);
            CoordinatorDriver.RunResult timed = driver.run(PlannedReferral.plan(prefix, settings.referrals()), settings.coordinators());
            List<Duration> cpuAfter = cpu(nodes);
            Map<String, Long> callsAfter = simulatorCallsByOperation(simulator);
            Scrape after = scrape(nodes);
            out.printf("  timed: %d of %d referrals ended in %.1f s%n", timed.ended(), settings.referrals(), seconds(timed.elapsed()));

            List<Duration> startupTimes = nodes.stream().map(LocalApplication::startupTime).toList();
            nodes.forEach(LocalApplication::stop);
            double n = settings.referrals();
            long cpuNanos = 0;
            for (int i = 0; i < nodes.size(); i++) {
                cpuNanos += cpuAfter.get(i).minus(cpuBefore.get(i)).toNanos();
            }
            long historyBytes;
            try (Connection connection = database.connect()) {
                historyBytes = HistoryBytes.total(connection, rootInstances(connection, prefix));
            }
            Map<String, Double> callsByOperation = new TreeMap<>();
            callsAfter.forEach((operation, count) -> callsByOperation.put(operation,
                    (count - callsBefore.getOrDefault(operation, 0L)) / n));
            String delay = "referral_job_acquisition_delay_seconds";
            List<String> failures = timed.referrals().stream().filter(r -> !r.ended())
                    .map(r -> r.referral().requestId() + ": " + r.failure()).toList();
            return new Row(configuration, (int) timed.ended(), settings.referrals() - (int) timed.ended(),
                    timed.ended() / seconds(timed.elapsed()), cpuNanos / 1e6 / n,
                    callsByOperation.values().stream().mapToDouble(Double::doubleValue).sum(),
                    (after.sum("referral_sql_statements_total") - before.sum("referral_sql_statements_total")) / n,
                    historyBytes / n,
                    (after.sum("http_server_requests_seconds_count") - before.sum("http_server_requests_seconds_count")) / n,
                    timed.stepLatencyPercentile(50), timed.stepLatencyPercentile(95), timed.stepLatencyPercentile(99),
                    Scrape.quantile(0.5, before.buckets(delay), after.buckets(delay)) * 1000,
                    Scrape.quantile(0.99, before.buckets(delay), after.buckets(delay)) * 1000, startupTimes, failures,
                    callsByOperation);
        } finally {
            nodes.forEach(LocalApplication::stop);
        }
    }

    private BudgetResult budgetRun(Configuration configuration, BenchmarkDatabase database, LocalSimulator simulator,
                                   Settings settings) throws InterruptedException {
        out.printf("e-RS call budget of %d a second, %s: starting ...%n", settings.budget(), configuration.label());
        List<LocalNode> nodes = startNodes(configuration, database, simulator,
                Map.of("ers.rate-limit.calls-per-second", Integer.toString(settings.budget())));
        try {
            prepareSimulator(simulator);
            Scrape before = scrape(nodes);
            CoordinatorDriver.RunResult run = driver(nodes).run(PlannedReferral.plan("budget-" + configuration.prefix(),
                    settings.budgetReferrals()), settings.coordinators());
            Scrape after = scrape(nodes);
            JsonNode busiest = simulatorGet(simulator, "/ers-sim/admin/calls/busiest-second");
            String waits = "ers_budget_waits_seconds_count";
            return new BudgetResult(configuration, settings.budget(), settings.budgetReferrals(), (int) run.ended(),
                    simulatorCalls(simulator), run.elapsed(), busiest.path("calls").asLong(),
                    after.sum(waits, l -> "sent".equals(l.get("outcome"))) - before.sum(waits, l -> "sent".equals(l.get("outcome"))),
                    after.sum(waits, l -> "gave_up".equals(l.get("outcome"))) - before.sum(waits, l -> "gave_up".equals(l.get("outcome"))),
                    after.sum("ers_budget_waits_seconds_sum") - before.sum("ers_budget_waits_seconds_sum"));
        } finally {
            nodes.forEach(LocalApplication::stop);
        }
    }

    private static final Pattern RESULT = Pattern.compile(
            PlainLoop.RESULT + " referrals=(\\d+) failed=(\\d+) calls=(\\d+) wallMs=(\\d+) cpuMs=(\\d+) byOperation=(\\S*)");

    /** {@code A005:60,A010:60} as calls per referral, {@code A005 1.00, A010 1.00}. */
    private static String perReferral(String byOperation, int referrals) {
        List<String> parts = new ArrayList<>();
        for (String pair : byOperation.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                parts.add(pair.substring(0, colon) + " " + fixed(Double.parseDouble(pair.substring(colon + 1)) / referrals, 2));
            }
        }
        return String.join(", ", parts);
    }

    /** The same referrals' e-RS calls without the engine, in a JVM of its own against the same simulator. */
    private PlainResult plainLoop(LocalSimulator simulator, Settings settings) throws InterruptedException {
        out.println("Plain loop (no engine): running ...");
        prepareSimulator(simulator);
        Path log = runDirectory.resolve("plain-loop.log");
        Process process = ChildJvm.start(List.of(), List.of(PlainLoop.COMMAND, "--referrals=" + settings.referrals(),
                "--coordinators=" + settings.coordinators(), "--warmup=" + settings.warmup(),
                "--ers.base-url=" + simulator.fhirBaseUrl()), Map.of("ERS_ACCESS_TOKEN", simulator.accessToken()), log);
        try {
            if (!process.waitFor(PLAIN_LOOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                out.println("  the plain loop did not end within " + PLAIN_LOOP_TIMEOUT.toMinutes() + " minutes; see " + log);
                return null;
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher result = RESULT.matcher(output);
            if (!result.find()) {
                out.println("  the plain loop printed no result (exit code " + process.exitValue() + "); see " + log);
                return null;
            }
            PlainResult plain = new PlainResult(Integer.parseInt(result.group(1)), Integer.parseInt(result.group(2)),
                    Long.parseLong(result.group(3)), Long.parseLong(result.group(4)), Long.parseLong(result.group(5)),
                    perReferral(result.group(6), Integer.parseInt(result.group(1))));
            out.printf("  %d referrals, %d failed, in %.1f s%n", plain.referrals(), plain.failed(), plain.wallMs() / 1000.0);
            return plain;
        } catch (IOException e) {
            out.println("  the plain loop's output is unreadable: " + e.getMessage());
            return null;
        } finally {
            process.destroyForcibly();
        }
    }

    private CoordinatorDriver driver(List<LocalNode> nodes) {
        return new CoordinatorDriver(nodes.stream().map(LocalApplication::url).toList(), nodes.get(0).demoPassword(),
                CoordinatorDriver.ErsLookup.NONE, CoordinatorDriver.Options.defaults());
    }

    /** A fresh simulator for each measurement: no referrals, calls counted from zero, free slots for every booking. */
    private void prepareSimulator(LocalSimulator simulator) {
        call("POST /ers-sim/admin/reset", () -> admin(simulator).post("/ers-sim/admin/reset", Map.of()));
        String freeSlots = "/ers-sim/admin/services/" + BOOKED_SERVICE + "/free-slots";
        call("PUT " + freeSlots, () -> admin(simulator).put(freeSlots, Map.of("count", MOST_FREE_SLOTS)));
    }

    private long simulatorCalls(LocalSimulator simulator) {
        return simulatorCallsByOperation(simulator).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Long> simulatorCallsByOperation(LocalSimulator simulator) {
        Map<String, Long> calls = new TreeMap<>();
        simulatorGet(simulator, "/ers-sim/admin/calls").fields().forEachRemaining(e -> calls.put(e.getKey(), e.getValue().asLong()));
        return calls;
    }

    private JsonNode simulatorGet(LocalSimulator simulator, String path) {
        return call("GET " + path, () -> admin(simulator).get(path)).json();
    }

    /** The simulator's control API, as its administrator. */
    private NodeClient admin(LocalSimulator simulator) {
        return new NodeClient(http, List.of(simulator.url()), "admin", simulator.demoPassword(), 0);
    }

    /** The nodes' metrics, read as their administrator (demo user {@code admin}). */
    private Scrape scrape(List<LocalNode> nodes) {
        List<String> texts = new ArrayList<>();
        for (LocalNode node : nodes) {
            NodeClient admin = new NodeClient(http, List.of(node.url()), "admin", node.demoPassword(), 0);
            texts.add(call("GET " + node.name() + " /actuator/prometheus", () -> admin.get("/actuator/prometheus")).body());
        }
        return Scrape.of(texts);
    }

    private interface Request {
        NodeClient.Answer send() throws IOException, InterruptedException;
    }

    private static NodeClient.Answer call(String what, Request request) {
        try {
            return request.send().requireOk(what);
        } catch (IOException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<Duration> cpu(List<LocalNode> nodes) {
        return nodes.stream().map(node -> node.cpuTime().orElseThrow(() ->
                new IllegalStateException("The system does not tell the CPU time of " + node.name()))).toList();
    }

    /** The timed referrals' own process instances (their e-RS steps' instances have them as root). */
    private static List<String> rootInstances(Connection connection, String prefix) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select ID_ from ACT_HI_PROCINST where BUSINESS_KEY_ like ?"
                + " and PROC_DEF_KEY_ = 'ers-referral' and ID_ = ROOT_PROC_INST_ID_")) {
            query.setString(1, prefix + "-%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private void print(Settings settings, List<Row> rows, PlainResult plain, BudgetResult budget) {
        double plainCpu = plain == null ? Double.NaN : (double) plain.cpuMs() / plain.referrals();
        out.println();
        out.printf("N=%d referrals per configuration after %d warm-up, C=%d coordinators, %d cores;"
                        + " e-RS call budget off; e-RS simulator in a JVM of its own%n", settings.referrals(), settings.warmup(),
                settings.coordinators(), Runtime.getRuntime().availableProcessors());
        String format = "%-20s %7s %9s %7s %7s %9s %6s %23s %15s %13s %11s%n";
        out.printf(format, "configuration", "ref/s", "CPU ms/ref", "e-RS/ref", "SQL/ref", "history B", "HTTP/ref",
                "step ms p50/p95/p99", "job delay p50/p99", "start-up s", "CPU vs plain");
        out.println("-".repeat(150));
        for (Row row : rows) {
            out.printf(format, row.configuration().label(), fixed(row.referralsPerSecond(), 2), fixed(row.cpuMsPerReferral(), 0),
                    fixed(row.ersCallsPerReferral(), 1), fixed(row.sqlPerReferral(), 0), fixed(row.historyBytesPerReferral(), 0),
                    fixed(row.httpPerReferral(), 0),
                    row.stepP50().toMillis() + "/" + row.stepP95().toMillis() + "/" + row.stepP99().toMillis(),
                    fixed(row.jobDelayP50Ms(), 0) + "/" + fixed(row.jobDelayP99Ms(), 0),
                    String.join("/", row.startupTimes().stream().map(t -> fixed(seconds(t), 1)).toList()),
                    fixed(row.cpuMsPerReferral() / plainCpu, 1) + "x");
        }
        if (plain != null) {
            out.printf(format, "plain loop, no engine", fixed(plain.referrals() * 1000.0 / plain.wallMs(), 2), fixed(plainCpu, 0),
                    fixed((double) plain.calls() / plain.referrals(), 1), "-", "-", "-", "-", "-", "-", "1.0x");
        }
        out.println();
        out.println("e-RS calls per referral by operation (the simulator's count):");
        for (Row row : rows) {
            out.printf("  %-20s %s%n", row.configuration().label(), String.join(", ", row.callsByOperation().entrySet().stream()
                    .map(e -> e.getKey() + " " + fixed(e.getValue(), 2)).toList()));
        }
        if (plain != null) {
            out.printf("  %-20s %s (and A004 once per code system: the client's cache)%n", "plain loop", plain.callsByOperation());
        }
        for (Row row : rows) {
            if (row.failed() > 0) {
                out.printf("%s: %d referrals did not end, e.g. %s%n", row.configuration().label(), row.failed(),
                        row.failures().stream().limit(3).toList());
            }
        }
        if (budget != null) {
            out.printf("%ne-RS call budget %d a second (%s): %d of %d referrals ended in %.1f s, %d e-RS calls (%.1f a second);"
                            + " busiest second at e-RS: %d calls, %s; calls that took their place in the budget: %.0f sent,"
                            + " %.0f gave up, %.1f s waited in all%n",
                    budget.budget(), budget.configuration().label(), budget.ended(), budget.referrals(), seconds(budget.elapsed()),
                    budget.calls(), budget.calls() / seconds(budget.elapsed()), budget.busiestSecond(),
                    budget.busiestSecond() <= budget.budget() ? "within the budget" : "OVER THE BUDGET",
                    budget.waitsSent(), budget.waitsGaveUp(), budget.waitedSeconds());
        }
        out.flush();
    }

    private static String fixed(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
