package org.ersreferral.analyticsbenchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.ersreferral.ErsReferralApplication;
import org.ersreferral.demohistory.CommandOptions;
import org.ersreferral.demohistory.DemoHistoryCommand;
import org.ersreferral.demohistory.DemoHistoryGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code java -jar ers-referral.jar analytics-benchmark}: makes sure the database holds the wanted
 * number of generated referrals (generating the missing ones), starts the application, calls every
 * analyst endpoint over HTTP as an analyst (warm-up, then measured calls, with several filters) and
 * prints median and maximum times per endpoint and filter, with the rows answered and the data size.
 */
public final class AnalyticsBenchmark {

    /** The first program argument that selects this command. */
    public static final String COMMAND = "analytics-benchmark";
    static final Set<String> OPTIONS = Set.of("referrals", "days", "seed", "force", "calls", "warmup", "user", "password");
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalyticsBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** One measured call: what, with which filter, and how many rows its answer holds. */
    record Case(String endpoint, String filter, List<String> paths, Function<Answer, String> rows) {
    }

    record Answer(int status, String body, long lines) {
    }

    static int run(String[] args, PrintStream out) {
        CommandOptions options;
        int referrals;
        int days;
        int calls;
        int warmup;
        try {
            options = new CommandOptions(args, OPTIONS);
            referrals = options.integer("referrals", 50_000, 0, 5_000_000);
            days = options.integer("days", 90, 1, 3650);
            calls = options.integer("calls", 10, 1, 1000);
            warmup = options.integer("warmup", 2, 0, 1000);
            options.flag("force");
        } catch (CommandOptions.UsageException e) {
            out.println("analytics-benchmark: " + e.getMessage());
            out.println("usage: java -jar ers-referral.jar analytics-benchmark [--referrals=50000] [--calls=10] [--warmup=2]"
                    + " [--user=analyst] [--password=...] [--force] [--server.port=...] [--spring.datasource.url=...]");
            return DemoHistoryCommand.USAGE_ERROR;
        }
        List<String> applicationArguments = new ArrayList<>(options.applicationArguments());
        int port = applicationArguments.stream().filter(a -> a.startsWith("--server.port=")).findFirst()
                .map(a -> Integer.parseInt(a.substring("--server.port=".length()))).orElseGet(AnalyticsBenchmark::freePort);
        applicationArguments.addAll(List.of("--server.port=" + port, "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--logging.level.org.ersreferral=WARN"));
        out.println("Starting the application on port " + port + " ...");
        try (ConfigurableApplicationContext context = SpringApplication.run(ErsReferralApplication.class,
                applicationArguments.toArray(String[]::new))) {
            DataSource dataSource = context.getBean(DataSource.class);
            DemoHistoryGenerator generator = DemoHistoryCommand.generator(context);
            long existing = generator.generatedReferrals();
            if (existing < referrals) {
                int result = DemoHistoryCommand.generate(generator, dataSource, (int) (referrals - existing), days,
                        options.longValue("seed", System.nanoTime()), options.flag("force"), out);
                if (result != 0) {
                    return result;
                }
            } else {
                out.printf("Using the %,d generated referrals in the database%n", existing);
            }
            printDataSize(new JdbcTemplate(dataSource), DemoHistoryCommand.describe(dataSource), out);
            String password = options.text("password", System.getenv().getOrDefault("DEMO_PASSWORD", "demo"));
            Client client = new Client(port, options.text("user", "analyst"), password);
            List<Case> cases = cases(new JdbcTemplate(dataSource), warmup + calls);
            return measure(client, cases, warmup, calls, out);
        } catch (SQLException e) {
            out.println("analytics-benchmark: the database refused: " + e.getMessage());
            return DemoHistoryCommand.REFUSED;
        }
    }

    private static List<Case> cases(JdbcTemplate jdbc, int callsPerCase) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String days90 = "from=" + today.minusDays(89);
        List<Case> cases = new ArrayList<>();
        Function<Answer, String> total = a -> json(a).path("total").asText();
        cases.add(same("outcomes", "last 30 days", "/api/analytics/outcomes?from=" + today.minusDays(29), total));
        cases.add(same("outcomes", "90 days", "/api/analytics/outcomes?" + days90, total));
        cases.add(same("outcomes", "90 days, CARDIOLOGY", "/api/analytics/outcomes?" + days90 + "&specialty=CARDIOLOGY", total));
        cases.add(same("outcomes", "90 days, URGENT", "/api/analytics/outcomes?" + days90 + "&priority=URGENT", total));
        Function<Answer, String> completed = a -> json(a).path("requestToOutcome").path("count").asText();
        cases.add(same("durations", "last 30 days", "/api/analytics/durations?from=" + today.minusDays(29), completed));
        cases.add(same("durations", "90 days", "/api/analytics/durations?" + days90, completed));
        cases.add(same("durations", "90 days, TWO_WEEK_WAIT", "/api/analytics/durations?" + days90 + "&priority=TWO_WEEK_WAIT",
                completed));
        Function<Answer, String> ersCalls = a -> {
            long sum = 0;
            for (JsonNode operation : json(a).path("operations")) {
                sum += operation.path("calls").asLong();
            }
            return Long.toString(sum);
        };
        cases.add(same("ers", "last 30 days", "/api/analytics/ers?from=" + today.minusDays(29), ersCalls));
        cases.add(same("ers", "90 days", "/api/analytics/ers?" + days90, ersCalls));
        cases.add(same("ers", "90 days, DERMATOLOGY", "/api/analytics/ers?" + days90 + "&specialty=DERMATOLOGY", ersCalls));
        Function<Answer, String> listed = a -> Integer.toString(json(a).path("referrals").size());
        cases.add(same("referrals", "last 30 days, limit 50", "/api/analytics/referrals?from=" + today.minusDays(29), listed));
        cases.add(same("referrals", "90 days, q=testdata-, limit 500", "/api/analytics/referrals?" + days90 + "&q="
                + URLEncoder.encode(DemoHistoryGenerator.REQUEST_ID_PREFIX, StandardCharsets.UTF_8) + "&limit=500", listed));
        cases.add(same("referrals", "90 days, q=UBRN prefix 5, limit 50", "/api/analytics/referrals?" + days90 + "&q=5", listed));
        Function<Answer, String> csvRows = a -> Long.toString(Math.max(0, a.lines() - 1));
        cases.add(same("referrals.csv", "last 30 days", "/api/analytics/referrals.csv?from=" + today.minusDays(29), csvRows));
        cases.add(same("referrals.csv", "90 days", "/api/analytics/referrals.csv?" + days90, csvRows));
        List<String> requestIds = jdbc.queryForList("select request_id from referral_record where request_id like ?"
                + " order by process_instance_id fetch first " + callsPerCase + " rows only", String.class,
                DemoHistoryGenerator.REQUEST_ID_PREFIX + "%");
        cases.add(new Case("timeline", "a different referral each call", requestIds.stream()
                .map(id -> "/api/referrals/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/timeline").toList(),
                a -> Integer.toString(json(a).path("entries").size())));
        return cases;
    }

    /**
     * The same report asked with ranges ending today, tomorrow, and so on: the same referrals (none
     * is requested in the future), but a query no database can answer from its cache of the last one.
     */
    private static Case same(String endpoint, String filter, String path, Function<Answer, String> rows) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> paths = new ArrayList<>();
        for (int day = 0; day < VARIANTS; day++) {
            paths.add(path + "&to=" + today.plusDays(day));
        }
        return new Case(endpoint, filter, paths, rows);
    }

    /** More than warm-up plus measured calls ever are, so no call repeats an earlier one. */
    private static final int VARIANTS = 2_001;

    private static int measure(Client client, List<Case> cases, int warmup, int calls, PrintStream out) {
        out.printf("%nEach endpoint: %d warm-up calls (at least one: \"first\"), then %d measured calls, over HTTP as %s%n%n",
                warmup, calls, client.user);
        // "first": the first call of a case, before any warm-up. Every call of a case asks another range
        // (see same()), since H2 answers a repeat of the very same query from its cache.
        out.printf("%-14s %-36s %8s %9s %9s %8s%n", "endpoint", "filter", "first ms", "median ms", "max ms", "rows");
        out.println("-".repeat(89));
        boolean allAnswered = true;
        for (Case c : cases) {
            if (c.paths().isEmpty()) {
                out.printf("%-14s %-36s %8s %9s %9s %8s%n", c.endpoint(), c.filter(), "-", "-", "-", "no data");
                allAnswered = false;
                continue;
            }
            long firstStart = System.nanoTime();
            client.get(c.paths().get(0));
            long first = (System.nanoTime() - firstStart) / 1_000_000;
            for (int i = 1; i < warmup; i++) {
                client.get(c.paths().get(i % c.paths().size()));
            }
            long[] millis = new long[calls];
            Answer last = null;
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                last = client.get(c.paths().get((warmup + i) % c.paths().size()));
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                if (last.status() != 200) {
                    break;
                }
            }
            if (last.status() != 200) {
                allAnswered = false;
                out.printf("%-14s %-36s %8s %9s %9s %8s%n", c.endpoint(), c.filter(), "-", "-", "-", "HTTP " + last.status());
                continue;
            }
            Arrays.sort(millis);
            long median = millis[(calls - 1) / 2];
            out.printf("%-14s %-36s %8d %9d %9d %8s%n", c.endpoint(), c.filter(), first, median, millis[calls - 1],
                    c.rows().apply(last));
        }
        out.flush();
        return allAnswered ? 0 : 1;
    }

    private static void printDataSize(JdbcTemplate jdbc, String database, PrintStream out) {
        out.println("Data in " + database + ":");
        for (String table : List.of("referral_record", "ers_call_record", "ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
                "ACT_HI_VARINST", "ACT_HI_INCIDENT", "ACT_HI_OP_LOG")) {
            out.printf("  %-16s %,12d rows%n", table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
    }

    private static JsonNode json(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + answer.body(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    /** An analyst's HTTP client: basic authentication, whole answers read (CSV counted line by line). */
    static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final int port;
        private final String user;
        private final String authorization;

        Client(int port, String user, String password) {
            this.port = port;
            this.user = user;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        Answer get(String path) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofMinutes(5)).header("Authorization", authorization).GET().build();
            try {
                if (path.contains(".csv")) {
                    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                    try (Stream<String> lines = response.body()) {
                        return new Answer(response.statusCode(), "", lines.count());
                    }
                }
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body(), 0);
            } catch (IOException e) {
                return new Answer(-1, e.toString(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, e.toString(), 0);
            }
        }
    }
}
