package org.ersreferral.history;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ersreferral.ers.ErsOperation;
import org.ersreferral.process.ErsReferralStatus;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.security.Organisations;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports for analysts over the referrals requested in a date range: outcomes, durations, e-RS calls, what happened
 * after sending (follow-up), a list and a CSV export.
 */
@RestController
@RequestMapping("/api/analytics")
class AnalyticsController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final AnalyticsQueries queries;
    private final ProcessElementNames elementNames;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final Organisations organisations;
    /** Runs a report's independent queries side by side; a few threads, as reports are few and heavy. */
    private final ExecutorService reportQueries = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "analytics-report");
        thread.setDaemon(true);
        return thread;
    });

    AnalyticsController(AnalyticsQueries queries, ProcessElementNames elementNames, PlatformTransactionManager transactions,
                        Clock clock, Organisations organisations) {
        this.organisations = organisations;
        this.queries = queries;
        this.elementNames = elementNames;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    @PreDestroy
    void stopReportQueries() {
        reportQueries.shutdownNow();
    }

    /** The query's answer, or its own exception (not wrapped), so the API's error answers still apply. */
    private static <T> T answerOf(CompletableFuture<T> query) {
        try {
            return query.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    @GetMapping("/outcomes")
    Map<String, Object> outcomes(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String specialty, @RequestParam(required = false) String priority) {
        ReportFilter filter = ReportFilter.parse(from, to, specialty, priority, clock);
        AnalyticsQueries.Totals totals = queries.totals(filter);
        List<Map<String, Object>> outcomes = queries.outcomes(filter).stream()
                .sorted(Comparator.comparingLong(AnalyticsQueries.Count::count).reversed()
                        .thenComparing(AnalyticsQueries.Count::key))
                .map(count -> entry("outcome", count.key(), "count", count.count()))
                .toList();
        Map<LocalDate, Long> requested = perDay(queries.requestedPerDay(filter));
        Map<LocalDate, Long> completed = perDay(queries.completedPerDay(filter));
        List<Map<String, Object>> days = new ArrayList<>();
        for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
            Map<String, Object> counts = entry("date", day.toString(), "requested", requested.getOrDefault(day, 0L));
            counts.put("completed", completed.getOrDefault(day, 0L));
            days.add(counts);
        }
        Map<String, Object> answer = filter.echo();
        answer.put("total", totals.total());
        answer.put("inProgress", totals.inProgress());
        answer.put("outcomes", outcomes);
        answer.put("perDay", days);
        return answer;
    }

    @GetMapping("/durations")
    Map<String, Object> durations(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String specialty, @RequestParam(required = false) String priority) {
        ReportFilter filter = ReportFilter.parse(from, to, specialty, priority, clock);
        // Three independent passes over different tables: asked at once, the answer waits for the slowest only.
        CompletableFuture<List<AnalyticsQueries.Spread>> userTasks =
                CompletableFuture.supplyAsync(() -> queries.userTasks(filter), reportQueries);
        CompletableFuture<List<AnalyticsQueries.Spread>> ersOperations =
                CompletableFuture.supplyAsync(() -> queries.ersDurations(filter), reportQueries);
        long[] bucketCounts = new long[AnalyticsQueries.BUCKET_LABELS.size()];
        AnalyticsQueries.Spread overall = queries.requestToOutcome(filter, bucketCounts);
        List<Map<String, Object>> buckets = new ArrayList<>();
        for (int i = 0; i < bucketCounts.length; i++) {
            buckets.add(entry("label", AnalyticsQueries.BUCKET_LABELS.get(i), "count", bucketCounts[i]));
        }
        Map<String, Object> answer = filter.echo();
        answer.put("requestToOutcome", spread(new LinkedHashMap<>(), overall));
        answer.put("requestToOutcomeBuckets", buckets);
        answer.put("userTasks", spreads(answerOf(userTasks), "taskKey", elementNames::name));
        answer.put("ersOperations", spreads(answerOf(ersOperations), "operation", ErsOperation::displayNameOf));
        return answer;
    }

    @GetMapping("/ers")
    Map<String, Object> ers(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String specialty, @RequestParam(required = false) String priority) {
        ReportFilter filter = ReportFilter.parse(from, to, specialty, priority, clock);
        Map<String, List<AnalyticsQueries.StatusCount>> statuses = queries.ersStatuses(filter).stream()
                .collect(Collectors.groupingBy(AnalyticsQueries.StatusCount::operation, TreeMap::new, Collectors.toList()));
        List<Map<String, Object>> operations = new ArrayList<>();
        statuses.forEach((operationId, counts) -> {
            Map<String, Long> byStatus = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
            long calls = 0;
            long errors = 0;
            long retries = 0;
            for (AnalyticsQueries.StatusCount status : counts) {
                byStatus.put(String.valueOf(status.status()), status.count());
                calls += status.count();
                retries += status.retries();
                // No answer at all (status 0: timeout, network) is as much an error as a 4xx or 5xx.
                errors += status.status() >= 400 || status.status() == 0 ? status.count() : 0;
            }
            Map<String, Object> operation = entry("operation", operationId, "name", ErsOperation.displayNameOf(operationId));
            operation.put("calls", calls);
            operation.put("errors", errors);
            operation.put("errorRate", calls == 0 ? 0.0 : (double) errors / calls);
            operation.put("retries", retries);
            operation.put("statuses", byStatus);
            operations.add(operation);
        });
        Map<String, Object> answer = filter.echo();
        answer.put("operations", operations);
        return answer;
    }

    /** Upper bounds (exclusive) of the sending-to-first-appointment buckets, in days; the last bucket is open. */
    static final long[] APPOINTMENT_BUCKET_DAYS = {1, 7, 14, 28, 56};
    static final List<String> APPOINTMENT_BUCKET_LABELS = List.of(
            "under 1 day", "1-7 days", "1-2 weeks", "2-4 weeks", "4-8 weeks", "over 8 weeks");
    /** The tasks that chase a referral left waiting: raised when created, resolved when completed. */
    static final List<String> CHASER_TASKS = List.of(FollowUp.TASK_CONTACT_PATIENT, FollowUp.TASK_CHASE_PROVIDER);

    /**
     * What happened to the filtered referrals after sending, from the states their follow-ups saw: the time from
     * sending to the first appointment, how often and why they were handed back (per service and per reason), and
     * the chasers raised and resolved. Counts of all organisations' referrals, naming none (as the other reports).
     */
    @GetMapping("/follow-up")
    Map<String, Object> followUp(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String specialty, @RequestParam(required = false) String priority) {
        ReportFilter filter = ReportFilter.parse(from, to, specialty, priority, clock);
        CompletableFuture<List<AnalyticsQueries.Returns>> returns =
                CompletableFuture.supplyAsync(() -> queries.returnsByService(filter), reportQueries);
        CompletableFuture<List<AnalyticsQueries.ReturnReason>> reasons =
                CompletableFuture.supplyAsync(() -> queries.returnReasons(filter), reportQueries);
        CompletableFuture<List<AnalyticsQueries.Chasers>> chasers =
                CompletableFuture.supplyAsync(() -> queries.chasers(filter, FollowUp.PROCESS_KEY, CHASER_TASKS), reportQueries);
        List<AnalyticsQueries.SentAndBooked> sent = queries.sentAndBooked(filter,
                List.of(ReferralProcess.TASK_CREATE_REFERRAL, ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE));

        Map<String, Object> answer = filter.echo();
        answer.put("sendingToFirstAppointment", sendingToFirstAppointment(sent));
        long[] buckets = new long[APPOINTMENT_BUCKET_LABELS.size()];
        sent.stream().filter(referral -> referral.firstBookedAt() != null)
                .forEach(referral -> buckets[appointmentBucket(referral)]++);
        List<Map<String, Object>> bucketCounts = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            bucketCounts.add(entry("label", APPOINTMENT_BUCKET_LABELS.get(i), "count", buckets[i]));
        }
        answer.put("sendingToFirstAppointmentBuckets", bucketCounts);

        List<AnalyticsQueries.Returns> byService = answerOf(returns);
        AnalyticsQueries.Returns all = byService.get(0);
        Map<String, Object> returned = entry("referrals", all.referrals(), "returned", all.returned());
        returned.put("rate", rate(all.returned(), all.referrals()));
        answer.put("returned", returned);
        answer.put("returnedByService", byService.subList(1, byService.size()).stream()
                .sorted(Comparator.comparingLong(AnalyticsQueries.Returns::returned).reversed()
                        .thenComparing(AnalyticsQueries.Returns::key))
                .map(service -> {
                    Map<String, Object> row = entry("serviceId", service.key(), "serviceName", service.name());
                    row.put("referrals", service.referrals());
                    row.put("returned", service.returned());
                    row.put("rate", rate(service.returned(), service.referrals()));
                    return row;
                }).toList());
        answer.put("returnedByReason", answerOf(reasons).stream()
                .sorted(Comparator.comparingLong(AnalyticsQueries.ReturnReason::count).reversed()
                        .thenComparing(AnalyticsQueries.ReturnReason::status)
                        .thenComparing(AnalyticsQueries.ReturnReason::reasonCode, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(reason -> {
                    Map<String, Object> row = entry("status", reason.status(), "statusName", ErsReferralStatus.words(reason.status()));
                    row.put("reasonCode", reason.reasonCode());
                    row.put("reason", reason.reasonDisplay());
                    row.put("count", reason.count());
                    row.put("referrals", reason.referrals());
                    row.put("rate", rate(reason.referrals(), all.referrals()));
                    return row;
                }).toList());
        Map<String, AnalyticsQueries.Chasers> chasersByTask = answerOf(chasers).stream()
                .collect(Collectors.toMap(AnalyticsQueries.Chasers::taskKey, Function.identity()));
        answer.put("chasers", CHASER_TASKS.stream().map(task -> {
            AnalyticsQueries.Chasers counts = chasersByTask.getOrDefault(task, new AnalyticsQueries.Chasers(task, 0, 0, 0));
            Map<String, Object> row = entry("taskKey", task, "name", elementNames.name(task));
            row.put("raised", counts.raised());
            row.put("resolved", counts.resolved());
            row.put("open", counts.open());
            return row;
        }).toList());
        return answer;
    }

    /** Nearest-rank percentiles, as the database's {@code PERCENTILE_DISC} gives them in the other reports. */
    private static Map<String, Object> sendingToFirstAppointment(List<AnalyticsQueries.SentAndBooked> sent) {
        long[] millis = sent.stream().filter(referral -> referral.firstBookedAt() != null)
                .mapToLong(referral -> Duration.between(referral.sentAt(), referral.firstBookedAt()).toMillis()).sorted().toArray();
        Map<String, Object> spread = entry("followed", (long) sent.size(), "booked", (long) millis.length);
        spread.put("notBookedYet", (long) (sent.size() - millis.length));
        spread.put("p50Ms", nearestRank(millis, 0.5));
        spread.put("p90Ms", nearestRank(millis, 0.9));
        spread.put("maxMs", millis.length == 0 ? null : millis[millis.length - 1]);
        return spread;
    }

    static Long nearestRank(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percentile * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static int appointmentBucket(AnalyticsQueries.SentAndBooked referral) {
        Duration waited = Duration.between(referral.sentAt(), referral.firstBookedAt());
        for (int i = 0; i < APPOINTMENT_BUCKET_DAYS.length; i++) {
            if (waited.compareTo(Duration.ofDays(APPOINTMENT_BUCKET_DAYS[i])) < 0) {
                return i;
            }
        }
        return APPOINTMENT_BUCKET_DAYS.length;
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    @GetMapping("/referrals")
    Map<String, Object> referrals(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String specialty, @RequestParam(required = false) String priority,
                                  @RequestParam(required = false) String q, @RequestParam(required = false) String limit,
                                  Principal user) {
        ReportFilter filter = ReportFilter.parse(from, to, specialty, priority, clock);
        String prefix = q == null || q.isBlank() ? null : q.trim();
        if (prefix != null && prefix.length() > 100) {
            throw new BadReportRequest("q is longer than a request id can be (100 characters)");
        }
        List<Map<String, Object>> rows = queries.referrals(filter, organisationsOf(user), prefix, limit(limit)).stream().map(row -> {
            Map<String, Object> referral = entry("requestId", row.requestId(), "ubrn", row.ubrn());
            referral.put("specialty", row.specialty());
            referral.put("priority", row.priority());
            referral.put("outcome", row.outcome());
            referral.put("status", row.status());
            referral.put("requestedAt", row.requestedAt());
            referral.put("completedAt", row.completedAt());
            return referral;
        }).toList();
        Map<String, Object> answer = filter.echo();
        answer.put("referrals", rows);
        return answer;
    }

    /** Streamed row by row: the export of a busy year never sits in memory. */
    @GetMapping("/referrals.csv")
    void referralsCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) String specialty, @RequestParam(required = false) String priority,
                      HttpServletResponse response, Principal user) throws IOException {
        ReportFilter filter = ReportFilter.parse(from, to, specialty, priority, clock);
        AnalyticsQueries.OrganisationScope scope = organisationsOf(user);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("referrals-" + filter.from() + "-to-" + filter.to() + ".csv").build().toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write(ReferralCsv.HEADER);
        readOnly.executeWithoutResult(tx -> queries.eachReferral(filter, scope, row -> {
            try {
                out.write(ReferralCsv.line(row));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        out.flush();
    }

    /**
     * The lists of individual referrals show only the analyst's organisations' (admins: all); the
     * aggregate reports count every organisation's referrals and name none.
     */
    private AnalyticsQueries.OrganisationScope organisationsOf(Principal user) {
        String userId = user == null ? null : user.getName();
        return new AnalyticsQueries.OrganisationScope(userId == null ? Optional.of(Set.of()) : organisations.visibleTo(userId),
                organisations.defaultOrganisation());
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new BadReportRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Map<LocalDate, Long> perDay(List<AnalyticsQueries.DayCount> counts) {
        return counts.stream().collect(Collectors.toMap(AnalyticsQueries.DayCount::day, AnalyticsQueries.DayCount::count));
    }

    /** Slowest (by p90) first, so what keeps referrals waiting is at the top. */
    private static List<Map<String, Object>> spreads(List<AnalyticsQueries.Spread> spreads, String keyName,
                                                     Function<String, String> names) {
        return spreads.stream()
                .sorted(Comparator.comparing(AnalyticsQueries.Spread::p90Ms, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(AnalyticsQueries.Spread::key))
                .map(spread -> spread(entry(keyName, spread.key(), "name", names.apply(spread.key())), spread))
                .toList();
    }

    private static Map<String, Object> spread(Map<String, Object> into, AnalyticsQueries.Spread spread) {
        into.put("count", spread.count());
        into.put("p50Ms", spread.p50Ms());
        into.put("p90Ms", spread.p90Ms());
        into.put("maxMs", spread.maxMs());
        return into;
    }

    private static Map<String, Object> entry(String firstKey, Object first, String secondKey, Object second) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(firstKey, first);
        entry.put(secondKey, second);
        return entry;
    }
}
