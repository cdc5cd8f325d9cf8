package org.ersreferral.benchmark;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.ersreferral.cluster.PlannedReferral;
import org.ersreferral.demohistory.CommandOptions;
import org.ersreferral.ers.AppointmentRequest;
import org.ersreferral.ers.ErsAccessTokenProvider;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.FeignErsClient;
import org.ersreferral.ers.NewReferral;
import org.ersreferral.ers.ReferralCreated;
import org.ersreferral.ers.ServiceOption;
import org.ersreferral.ers.ServiceSearch;
import org.ersreferral.ers.Slot;
import org.ersreferral.ers.SlotPage;
import org.ersreferral.ers.SlotQuery;

/**
 * The e-RS calls the benchmark's referrals make, made by the production e-RS client directly, without
 * the engine, database or web server: the benchmark's yardstick for what the engine adds. The same
 * referrals as the coordinators drive ({@link PlannedReferral#plan}: the same patients and paths in
 * turn), each with the calls the process makes for its path, in its order: A030 (role check), A004
 * (cached as the application caches it), A010, A011; for a service to book now A015 (up to three pages of
 * free slots) and A016 (the first free slot, or a deferral to the provider when there is none or it went); for a triage service A016
 * (send into triage); then A019 and A005. The letter is added later, as the coordinators choose, so
 * no A020 or A012. Run as a command of its own JVM, so its CPU time is the process's, as a node's is.
 */
public final class PlainLoop {

    /** The hidden command the benchmark starts in a JVM of its own. */
    public static final String COMMAND = "benchmark-plain-loop";
    /** The line the benchmark reads the result from. */
    public static final String RESULT = "RESULT";
    static final Set<String> OPTIONS = Set.of("referrals", "coordinators", "warmup");
    /** What the coordinators of the benchmark start every referral with. */
    private static final String PRIORITY = "URGENT";
    private static final String SPECIALTY = "CARDIOLOGY";

    /** Referrals made, failed, the e-RS calls by operation, and wall and process CPU time of the timed part. */
    record Result(int referrals, int failed, Map<String, Long> calls, long wallMs, long cpuMs, List<String> failures) {
        long totalCalls() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ErsClient ers;
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    PlainLoop(ErsClient ers) {
        this.ers = ers;
    }

    public static void main(String[] args) {
        // Outside Spring Boot logback would log everything at DEBUG: log as the application does.
        rootLogLevel(ch.qos.logback.classic.Level.INFO);
        System.exit(run(args, System.getenv(), System.out));
    }

    /** Sets the root log level where logback is the backend (else leaves logging as configured). */
    static void rootLogLevel(ch.qos.logback.classic.Level level) {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(level);
        }
    }

    /**
     * Warm-up referrals, then the timed ones, printing a summary and a {@code RESULT} line.
     *
     * @return 0 when every referral went through, 1 when one failed, 2 for refused options
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        int referrals;
        int coordinators;
        int warmup;
        ErsProperties properties;
        try {
            CommandOptions options = new CommandOptions(args, OPTIONS);
            referrals = options.integer("referrals", 50, 1, 1_000_000);
            coordinators = options.integer("coordinators", 10, 1, 1000);
            warmup = options.integer("warmup", 10, 0, 1_000_000);
            Map<String, String> settings = new TreeMap<>();
            for (String argument : options.applicationArguments()) {
                settings.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
            }
            String baseUrl = settings.get("ers.base-url");
            if (baseUrl == null) {
                throw new CommandOptions.UsageException("--ers.base-url is required");
            }
            properties = new ErsProperties(baseUrl, settings.getOrDefault("ers.ods-code", "R69"),
                    settings.getOrDefault("ers.business-function", "REFERRING_CLINICIAN"), settings.get("ers.referring-clinician"),
                    ErsProperties.TRIAGE_CREATE_THEN_SEND, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), 20, 3,
                    new ErsProperties.Auth(ErsProperties.AUTH_STATIC, env.getOrDefault("ERS_ACCESS_TOKEN", "")));
        } catch (CommandOptions.UsageException e) {
            out.println(COMMAND + ": " + e.getMessage());
            out.println("usage: ERS_ACCESS_TOKEN=... java -jar ers-referral.jar " + COMMAND
                    + " --ers.base-url=<e-RS FHIR base URL> [--referrals=50] [--coordinators=10] [--warmup=10]"
                    + " [--ers.business-function=...] [--ers.ods-code=...]");
            return 2;
        }
        ErsClient client = FeignErsClient.create(properties, FhirContext.forDstu3(),
                ErsAccessTokenProvider.staticToken(properties.auth().token()), Clock.systemUTC());
        PlainLoop loop = new PlainLoop(client);
        Result warm = loop.referrals("warmup", warmup, coordinators);
        Result result = loop.referrals("timed", referrals, coordinators);
        out.printf("plain loop: %d warm-up and %d timed referrals, %d threads, %d failed; %d e-RS calls %s; %d ms, %d ms CPU%n",
                warmup, referrals, coordinators, warm.failed() + result.failed(), result.totalCalls(), result.calls(),
                result.wallMs(), result.cpuMs());
        result.failures().stream().limit(5).forEach(failure -> out.println("  failed: " + failure));
        out.printf("%s referrals=%d failed=%d calls=%d wallMs=%d cpuMs=%d byOperation=%s%n", RESULT, result.referrals(),
                result.failed(), result.totalCalls(), result.wallMs(), result.cpuMs(), String.join(",", result.calls().entrySet()
                        .stream().map(e -> e.getKey() + ":" + e.getValue()).toList()));
        out.flush();
        return result.failed() == 0 ? 0 : 1;
    }

    /** {@code count} referrals on {@code threads} threads; calls and times are this batch's only. */
    Result referrals(String label, int count, int threads) {
        calls.clear();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (PlannedReferral referral : PlannedReferral.plan(label, count)) {
                done.add(pool.submit(() -> referral(referral)));
            }
            for (Future<?> future : done) {
                try {
                    // A referral makes about ten calls, each bounded by the client's read timeout.
                    future.get(10, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                } catch (TimeoutException e) {
                    failures.add("no end within 10 minutes");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        } finally {
            pool.shutdownNow();
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        long cpuMs = (processCpuNanos() - cpuStart) / 1_000_000;
        Map<String, Long> byOperation = new TreeMap<>();
        calls.forEach((operation, n) -> byOperation.put(operation, n.sum()));
        return new Result(count, failures.size(), byOperation, wallMs, cpuMs, failures);
    }

    private void referral(PlannedReferral planned) {
        String label = planned.requestId();
        PlannedReferral.Path path = planned.path();
        String nhsNumber = planned.nhsNumber();
        ServiceSearch search = new ServiceSearch(nhsNumber, PRIORITY, SPECIALTY, path.clinicType(), null, null, null);
        ers.retrieveRoles(call(label, "A030"));
        // Cached by the client for ers.reference-data-ttl, as in the application: e-RS sees the first only.
        ers.retrieveCodeSystem(new ErsCall(label, "A004"), "SPECIALTY");
        ers.retrieveCodeSystem(new ErsCall(label, "A004"), "PRIORITY");
        ers.retrieveCodeSystem(new ErsCall(label, "A004"), "CLINIC-TYPE");
        List<ServiceOption> services = ers.searchServices(call(label, "A010"), search);
        if (services.stream().noneMatch(s -> path.serviceId().equals(s.id()))) {
            throw new IllegalStateException("service " + path.serviceId() + " not found by the search");
        }
        ReferralCreated created = ers.createReferral(call(label, "A011"),
                new NewReferral(nhsNumber, search, List.of(path.serviceId()), true));
        String version = created.version();
        if (path.bookNow()) {
            book(label, planned, created.ubrn(), version);
        } else if (path == PlannedReferral.Path.TRIAGE) {
            ers.bookOrDefer(call(label, "A016"), new AppointmentRequest(AppointmentRequest.Kind.TRIAGE, created.ubrn(), version,
                    path.serviceId(), nhsNumber, null, null, null, null));
        }
        ers.generatePatientLetter(call(label, "A019"), created.ubrn());
        ers.retrieveReferral(call(label, "A005"), created.ubrn());
    }

    /** A015, then A016: the first free slot, as the coordinators take it, or a deferral when there is none or it went. */
    private void book(String label, PlannedReferral planned, String ubrn, String version) {
        String serviceId = planned.path().serviceId();
        // Pages of free slots as the process reads them: until the last page, at most ers.max-slot-pages (3) of 20.
        List<Slot> slots = new ArrayList<>();
        SlotPage page;
        int number = 1;
        do {
            page = ers.retrieveSlots(call(label, "A015"), new SlotQuery(serviceId, PRIORITY, 20, number++));
            slots.addAll(page.slots());
        } while (page.morePages() && number <= 3);
        if (slots.isEmpty()) {
            ers.bookOrDefer(call(label, "A016"), new AppointmentRequest(AppointmentRequest.Kind.DEFER_NO_SLOTS, ubrn, version,
                    serviceId, planned.nhsNumber(), null, null, null, null));
            return;
        }
        Slot slot = slots.get(0);
        try {
            ers.bookOrDefer(call(label, "A016"), new AppointmentRequest(AppointmentRequest.Kind.BOOK, ubrn, version, serviceId,
                    planned.nhsNumber(), slot.id(), slot.start(), slot.end(), null, slot.clinician()));
        } catch (ErsException.Conflict slotGone) {
            // Another referral took the slot first: defer to the provider, as the process does.
            ers.bookOrDefer(call(label, "A016"), new AppointmentRequest(AppointmentRequest.Kind.DEFER_SLOT_NOT_AVAILABLE,
                    ubrn, version, serviceId, planned.nhsNumber(), slot.id(), null, null, null));
        }
    }

    /** The call about to be made, counted by operation. */
    private ErsCall call(String label, String operation) {
        calls.computeIfAbsent(operation, o -> new LongAdder()).increment();
        return new ErsCall(label, operation);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
