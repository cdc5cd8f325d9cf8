package org.ersreferral.cluster;

import static org.ersreferral.process.ReferralProcess.*;
import static org.ersreferral.process.ReferralVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ersreferral.process.Priority;
import org.ersreferral.referral.ReferralRecord;

/**
 * Referral coordinators working referrals over the public API, as a GP system and Tasklist do: the
 * referral is started with its request id ({@code POST /api/referrals}); then, until it ends, its next
 * task is found ({@code /engine-rest/task?processInstanceBusinessKey=}), claimed and completed with
 * what the task's form would submit. For each completion it records the step latency: from sending
 * the completion until the referral's next task exists, or it has ended (found by polling every
 * {@link Options#poll()}, for at most {@link Options#stepTimeout()}).
 */
public final class CoordinatorDriver {

    /**
     * @param poll           how often a coordinator looks for the next task
     * @param stepTimeout    how long they wait for it before the referral counts as not ended
     * @param referralTimeout how long one referral may take in all
     */
    public record Options(Duration poll, Duration stepTimeout, Duration referralTimeout) {
        public static Options defaults() {
            return new Options(Duration.ofMillis(20), Duration.ofMinutes(2), Duration.ofMinutes(10));
        }
    }

    /**
     * What a coordinator finds when they look a patient's referral up in e-RS, for "Check whether
     * e-RS has the referral": its UBRN, or empty when e-RS has none for that NHS number.
     */
    @FunctionalInterface
    public interface ErsLookup {
        Optional<String> ubrnFor(String nhsNumber) throws IOException, InterruptedException;

        /** No way to look: a referral that needs it ends the drive with a failure. */
        ErsLookup NONE = nhsNumber -> {
            throw new IllegalStateException("e-RS cannot be looked up here");
        };
    }

    /** One completed task: its key and the time until the referral's next task existed (or it ended). */
    public record Step(String taskKey, Duration latency) {
    }

    /**
     * One referral as the coordinator left it: {@code ended} with e-RS outcome {@code outcome}, or not
     * ({@code failure} says why the drive stopped).
     */
    public record ReferralResult(PlannedReferral referral, boolean ended, String outcome, List<Step> steps,
                                 Duration elapsed, String failure) {
    }

    /** A run: every referral's result, and the time it took from the first start to the last end. */
    public record RunResult(List<ReferralResult> referrals, Duration elapsed) {

        public List<Duration> stepLatencies() {
            List<Duration> all = new ArrayList<>();
            referrals.forEach(r -> r.steps().forEach(s -> all.add(s.latency())));
            Collections.sort(all);
            return all;
        }

        /** Nearest-rank percentile (0 < p <= 100) of the step latencies; zero without steps. */
        public Duration stepLatencyPercentile(double p) {
            List<Duration> all = stepLatencies();
            if (all.isEmpty()) {
                return Duration.ZERO;
            }
            int rank = (int) Math.ceil(p / 100.0 * all.size());
            return all.get(Math.max(0, Math.min(all.size() - 1, rank - 1)));
        }

        public long ended() {
            return referrals.stream().filter(ReferralResult::ended).count();
        }
    }

    /** How the failure of a referral that stopped moving begins (as opposed to one the coordinator could not work). */
    public static final String NO_PROGRESS = "no task and no end within ";

    private static final String USER = "coordinator";
    /** Every planned referral is for cardiology, which the simulator offers every kind of service for. */
    static final String SPECIALTY_CODE = "CARDIOLOGY";

    private final List<String> nodes;
    private final String password;
    private final ErsLookup ersLookup;
    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Coordinators ({@code coordinator} with the demo password) on the given nodes (base URLs, e.g.
     * {@code http://localhost:8080}); each coordinator starts on a node of their own.
     */
    public CoordinatorDriver(List<String> nodes, String password, ErsLookup ersLookup, Options options) {
        this.nodes = List.copyOf(nodes);
        this.password = password;
        this.ersLookup = ersLookup;
        this.options = options;
    }

    /** {@code coordinators} coordinators at once, each taking the next referral not yet taken until none is left. */
    public RunResult run(List<PlannedReferral> referrals, int coordinators) throws InterruptedException {
        ConcurrentLinkedQueue<PlannedReferral> queue = new ConcurrentLinkedQueue<>(referrals);
        List<ReferralResult> results = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(coordinators);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < coordinators; i++) {
                NodeClient client = new NodeClient(http, nodes, USER, password, i);
                workers.add(pool.submit(() -> {
                    for (PlannedReferral next = queue.poll(); next != null && !Thread.currentThread().isInterrupted(); next = queue.poll()) {
                        results.add(drive(client, next));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("A coordinator stopped", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        List<ReferralResult> ordered = new ArrayList<>(results);
        ordered.sort((a, b) -> Integer.compare(referrals.indexOf(a.referral()), referrals.indexOf(b.referral())));
        return new RunResult(ordered, Duration.ofNanos(System.nanoTime() - started));
    }

    /** One coordinator drives one referral from its start to its end. */
    public ReferralResult drive(PlannedReferral referral) throws InterruptedException {
        return drive(new NodeClient(http, nodes, USER, password, 0), referral);
    }

    private ReferralResult drive(NodeClient client, PlannedReferral referral) {
        long started = System.nanoTime();
        long deadline = started + options.referralTimeout().toNanos();
        List<Step> steps = new ArrayList<>();
        try {
            start(client, referral);
            long completionSent = -1;
            String completedKey = null;
            while (System.nanoTime() < deadline) {
                Optional<Next> next = awaitNext(client, referral, Math.min(deadline, System.nanoTime() + options.stepTimeout().toNanos()));
                if (next.isEmpty()) {
                    return new ReferralResult(referral, false, null, steps, since(started),
                            NO_PROGRESS + options.stepTimeout().toSeconds() + " s"
                                    + (completedKey == null ? " after the start" : " after " + completedKey));
                }
                if (completionSent >= 0) {
                    steps.add(new Step(completedKey, Duration.ofNanos(next.get().seenAt() - completionSent)));
                }
                if (next.get().outcome() != null) {
                    return new ReferralResult(referral, true, next.get().outcome(), steps, since(started), null);
                }
                JsonNode task = next.get().task();
                completedKey = task.path("taskDefinitionKey").asText();
                Map<String, Object> variables = submission(client, referral, task);
                completionSent = System.nanoTime();
                work(client, task, variables);
            }
            return new ReferralResult(referral, false, null, steps, since(started),
                    "not ended within " + options.referralTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ReferralResult(referral, false, null, steps, since(started), "interrupted");
        } catch (IOException | RuntimeException e) {
            return new ReferralResult(referral, false, null, steps, since(started), e.toString());
        }
    }

    private void start(NodeClient client, PlannedReferral referral) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(REQUEST_ID.name(), referral.requestId());
        body.put(NHS_NUMBER.name(), referral.nhsNumber());
        body.put(PRIORITY.name(), Priority.URGENT.name());
        body.put(SPECIALTY.name(), SPECIALTY_CODE);
        body.put(CLINIC_TYPE.name(), referral.path().clinicType);
        for (int attempt = 0; ; attempt++) {
            NodeClient.Answer answer;
            try {
                answer = client.post("/api/referrals", body);
            } catch (IOException noAnswer) {
                // The request id makes a repeat safe: a start that was made answers 200 with the same referral.
                if (attempt >= 3) {
                    throw noAnswer;
                }
                continue;
            }
            if (answer.status() == 200 || answer.status() == 201) {
                return;
            }
            if (answer.status() < 500 || attempt >= 3) {
                throw new IllegalStateException("Start refused: " + answer.status() + " " + answer.body());
            }
        }
    }

    /** The referral's next open task, or its outcome once it ended; {@code seenAt} is when it was found. */
    private record Next(JsonNode task, String outcome, long seenAt) {
    }

    private Optional<Next> awaitNext(NodeClient client, PlannedReferral referral, long until)
            throws IOException, InterruptedException {
        String key = URLEncoder.encode(referral.requestId(), StandardCharsets.UTF_8);
        while (true) {
            NodeClient.Answer tasks = client.get("/engine-rest/task?processInstanceBusinessKey=" + key + "&sortBy=created&sortOrder=asc");
            if (tasks.ok() && tasks.json().size() > 0) {
                return Optional.of(new Next(tasks.json().get(0), null, System.nanoTime()));
            }
            if (tasks.ok()) {
                NodeClient.Answer state = client.get("/api/referrals/" + key);
                if (state.ok() && ReferralRecord.Status.COMPLETED.name().equals(state.json().path("status").asText())) {
                    return Optional.of(new Next(null, state.json().path(OUTCOME.name()).asText(null), System.nanoTime()));
                }
            }
            if (System.nanoTime() >= until) {
                return Optional.empty();
            }
            Thread.sleep(options.poll().toMillis());
        }
    }

    /** Claims the task (unless it is theirs already) and completes it; a task gone meanwhile is not an error. */
    private void work(NodeClient client, JsonNode task, Map<String, Object> variables) throws IOException, InterruptedException {
        String id = task.path("id").asText();
        if (task.path("assignee").isNull() || task.path("assignee").isMissingNode()) {
            NodeClient.Answer claimed;
            try {
                claimed = client.post("/engine-rest/task/" + id + "/claim", Map.of("userId", USER));
            } catch (IOException noAnswer) {
                return; // the next look finds the task again, claimed or not
            }
            if (claimed.status() == 404 || claimed.status() >= 500) {
                return;
            }
            if (!claimed.ok()) {
                throw new IllegalStateException("Claim of " + task.path("taskDefinitionKey").asText() + " refused: "
                        + claimed.status() + " " + claimed.body());
            }
        }
        NodeClient.Answer completed;
        try {
            completed = client.post("/engine-rest/task/" + id + "/complete", Map.of("variables", variables));
        } catch (IOException noAnswer) {
            // Completed or not, the next look for the referral's task tells: the same task again if not.
            return;
        }
        if (!completed.ok() && completed.status() != 404 && completed.status() < 500) {
            throw new IllegalStateException("Completion of " + task.path("taskDefinitionKey").asText() + " refused: "
                    + completed.status() + " " + completed.body());
        }
    }

    /** What the task's form would submit for this referral. */
    private Map<String, Object> submission(NodeClient client, PlannedReferral referral, JsonNode task)
            throws IOException, InterruptedException {
        String taskKey = task.path("taskDefinitionKey").asText();
        Map<String, Object> variables = new LinkedHashMap<>();
        switch (taskKey) {
            case TASK_CHOOSE_SHORTLIST -> {
                String service = referral.path().serviceId;
                boolean offered = false;
                for (JsonNode offer : formList(client, task, SERVICES.name())) {
                    offered |= service.equals(offer.path("value").asText());
                }
                if (!offered) {
                    throw new IllegalStateException("Service " + service + " was not offered in " + taskKey);
                }
                variables.put(SHORTLIST.name(), typed("[\"" + service + "\"]", "Json"));
                if (referral.path().bookNow) {
                    variables.put(BOOK_SERVICE_ID.name(), typed(service, "String"));
                }
            }
            case TASK_ATTACH_REFERRAL_LETTER -> variables.put(ATTACH_LATER.name(), typed(true, "Boolean"));
            case TASK_CHOOSE_SLOT -> {
                List<JsonNode> slots = formList(client, task, SLOTS.name());
                if (slots.isEmpty()) {
                    variables.put(DEFER_TO_PROVIDER.name(), typed(true, "Boolean"));
                } else {
                    variables.put(SLOT_ID.name(), typed(slots.get(0).path("value").asText(), "String"));
                }
            }
            case TASK_RESOLVE_REJECTION -> {
                // Try again, as a person would after a failure that is not about the referral itself; e-RS's
                // refusal of the referral (400, 404) cannot be tried again, so it is left in e-RS as it is.
                int status = formVariable(client, task, ERS_ERROR_STATUS.name()).path("value").asInt();
                variables.put(RESOLUTION.name(), typed(status == 400 || status == 404
                        ? RESOLUTION_GIVE_UP : RESOLUTION_RETRY, "String"));
            }
            case TASK_RECONCILE_REFERRAL -> ersLookup.ubrnFor(referral.nhsNumber())
                    .ifPresent(ubrn -> variables.put(UBRN.name(), typed(ubrn, "String")));
            case TASK_REFINE_SEARCH -> variables.put(ABANDON_SEARCH.name(), typed(true, "Boolean"));
            case TASK_DESCRIBE_NEED -> {
                variables.put(SPECIALTY.name(), typed(SPECIALTY_CODE, "String"));
                variables.put(CLINIC_TYPE.name(), typed(referral.path().clinicType, "String"));
            }
            case TASK_GIVE_PATIENT_LETTER -> variables.put(PATIENT_LETTER_HANDOVER.name(), typed(POSTED, "String"));
            default -> {
                // Task_SignInAgain, Task_TakeOnReferral: completing is all their forms do
            }
        }
        return variables;
    }

    private static Map<String, Object> typed(Object value, String type) {
        return Map.of("value", value, "type", type);
    }

    private JsonNode formVariable(NodeClient client, JsonNode task, String name) throws IOException, InterruptedException {
        NodeClient.Answer answer = client.get("/engine-rest/task/" + task.path("id").asText() + "/form-variables?deserializeValues=false&variableNames=" + name);
        if (!answer.ok()) {
            throw new IllegalStateException("Form variables of " + task.path("taskDefinitionKey").asText() + ": " + answer.status());
        }
        return answer.json().path(name);
    }

    /** A Json list the form offers (its JSON text: the REST API would otherwise answer its Jackson node's bean properties). */
    private List<JsonNode> formList(NodeClient client, JsonNode task, String name) throws IOException, InterruptedException {
        JsonNode value = formVariable(client, task, name).path("value");
        JsonNode list = value.isTextual() ? NodeClient.JSON.readTree(value.asText()) : value;
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return items;
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
