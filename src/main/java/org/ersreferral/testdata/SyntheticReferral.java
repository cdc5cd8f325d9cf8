package org.ersreferral.testdata;

import static org.ersreferral.process.ReferralProcess.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.ersreferral.process.Outcome;

/**
 * One completed referral's history as the engine and the application would have written it: the
 * path through {@code ers-referral} that leads to its outcome, coordinators' tasks with plausible
 * durations, every e-RS call of every step (some failing and retried, a few ending in an incident an
 * operator resolved), and the application's referral record.
 */
final class SyntheticReferral {

    static final String PROCESS_KEY_VALUE = PROCESS_KEY;
    private static final String ERS_BASE_PATH = "/ers-sim/FHIR";
    private static final Duration[] JOB_RETRY_DELAYS = {Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)};
    private static final List<String> COORDINATORS = List.of("coordinator", "amara.okafor", "ben.hughes", "chloe.patel",
            "david.nowak", "eilidh.ross");
    private static final String OPERATOR = "admin";
    /** The engine's incident state "resolved" (0 open, 2 deleted). */
    private static final int INCIDENT_RESOLVED = 1;

    /** Where one referral's rows land and what they are keyed by. */
    record Definition(String id, String deploymentId) {
    }

    /** What the referral is about, chosen before its history is written. */
    record Request(String requestId, String specialty, String specialtyDisplay, String clinicType, String priority,
                   String nhsNumber, Outcome outcome) {
    }

    private final Random random;
    private final Ids ids;
    private final Definition definition;
    private final Request request;
    private final String processInstanceId;
    private final String coordinator;
    private final HistoryRows rows = new HistoryRows();
    private Instant now;
    private final Instant requestedAt;
    /** Step and operation of every e-RS call that failed so far: a later call of them is a retry. */
    private final java.util.Set<String> failedCalls = new java.util.HashSet<>();
    private long sequence;
    private String ubrn;
    private String currentScope;

    private SyntheticReferral(Random random, Ids ids, Definition definition, Request request, Instant start) {
        this.random = random;
        this.ids = ids;
        this.definition = definition;
        this.request = request;
        this.processInstanceId = id();
        this.coordinator = COORDINATORS.get(random.nextInt(COORDINATORS.size()));
        this.now = start;
        this.requestedAt = start;
        this.currentScope = processInstanceId;
    }

    /**
     * The referral's rows, started at {@code start}, moved earlier when needed so that it ended before
     * {@code latestEnd}; engine rows get the removal time {@code end + timeToLiveDays}.
     */
    static HistoryRows generate(Random random, Ids ids, Definition definition, Request request, Instant start,
                                Instant latestEnd, int timeToLiveDays) {
        SyntheticReferral referral = new SyntheticReferral(random, ids, definition, request, start);
        Instant end = referral.walk();
        HistoryRows rows = referral.rows;
        if (end.isAfter(latestEnd)) {
            Duration shift = Duration.between(end, latestEnd).minusMinutes(1 + random.nextInt(120));
            rows.shift(shift);
            end = end.plus(shift);
        }
        rows.removalTime(end.plus(Duration.ofDays(timeToLiveDays)));
        return rows;
    }

    // ---- the path -----------------------------------------------------------------------------------

    private Instant walk() {
        Instant start = now;
        rows.operations.add(operation(null, null, "Create", "ProcessInstance", null, null, null, "Operator", coordinator));
        event(START_REFERRAL_REQUESTED, "Referral requested", "startEvent");
        service(TASK_ESTABLISH_ERS_CONTEXT, "Establish e-RS context", Call.of("A030", "GET", "/R4/PractitionerRole", 200, 80));
        if (random.nextInt(10) == 0) {
            // Reference data is cached for an hour: only some referrals load it.
            service(TASK_LOAD_REFERENCE_DATA, "Load reference data",
                    Call.of("A004", "GET", "/STU3/CodeSystem/SPECIALTY", 200, 60),
                    Call.of("A004", "GET", "/STU3/CodeSystem/PRIORITY", 200, 25),
                    Call.of("A004", "GET", "/STU3/CodeSystem/CLINIC-TYPE", 200, 30));
        } else {
            service(TASK_LOAD_REFERENCE_DATA, "Load reference data");
        }
        Outcome outcome = request.outcome();
        boolean abandon = outcome == Outcome.SEARCH_ABANDONED;
        if (abandon || random.nextInt(8) == 0) {
            searchFindingNothing();
            userTask(TASK_REFINE_SEARCH, "Refine the service search", minutes(12));
            gateway(GATEWAY_SEARCH_AGAIN, "Search again?");
            if (abandon) {
                gateway("Gateway_AbandonJoin", null);
                return end(END_SEARCH_ABANDONED, "Search abandoned", start);
            }
        }
        search();
        gateway(GATEWAY_SERVICES_FOUND, "Services found?");
        userTask(TASK_CHOOSE_SHORTLIST, "Choose shortlist", byPriority(minutes(25)));
        gateway(GATEWAY_RAS_OR_SHORTLIST, "RAS or shortlist?");
        ubrn = String.format("%012d", 100_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 900_000_000_000L);
        step(TASK_CREATE_REFERRAL, "Create referral",
                Call.of("A011", "POST", "/STU3/ReferralRequest/$ers.createReferral", 201, 250));
        gateway("Gateway_ReferralCreated", null);

        boolean cancelRequested = outcome == Outcome.CANCELLED && random.nextInt(5) < 3;
        if (cancelRequested && random.nextBoolean()) {
            return cancelWhileWaiting(TASK_ATTACH_REFERRAL_LETTER, "Attach referral letter", start);
        }
        userTask(TASK_ATTACH_REFERRAL_LETTER, "Attach referral letter", byPriority(hours(2)));
        gateway(GATEWAY_LETTER_ATTACHED, "Letter attached?");
        if (random.nextInt(4) > 0) {
            attachLetterFiles();
            if (outcome == Outcome.CANCELLED && !cancelRequested) {
                return rejectedAndGivenUp(TASK_MAINTAIN_REFERRAL_LETTER, "Add files to referral letter", "A012", start);
            }
            step(TASK_MAINTAIN_REFERRAL_LETTER, "Add files to referral letter",
                    Call.of("A012", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter", 200, 200));
        } else if (outcome == Outcome.CANCELLED && !cancelRequested) {
            gateway("Gateway_LetterDone", null);
            gateway(GATEWAY_HOW_TO_PROCEED, "How does the referral proceed?");
            return rejectedAndGivenUp(TASK_RETRIEVE_SLOTS, "Find free slots", "A015", start);
        }
        gateway("Gateway_LetterDone", null);
        gateway(GATEWAY_HOW_TO_PROCEED, "How does the referral proceed?");
        String endId;
        String endName;
        switch (outcome) {
            case SENT_FOR_TRIAGE -> {
                step(TASK_SEND_FOR_TRIAGE, "Send referral for triage", Call.of("A016", "POST", "/STU3/Appointment", 201, 450));
                endId = END_SENT_FOR_TRIAGE;
                endName = "Sent for triage";
            }
            case AWAITING_PATIENT_BOOKING -> {
                event(EVENT_PATIENT_TO_BOOK, "Patient to book", "intermediateNoneThrowEvent");
                endId = END_AWAITING_PATIENT_BOOKING;
                endName = "Awaiting patient booking";
            }
            case BOOKED -> {
                findSlots();
                userTask(TASK_CHOOSE_SLOT, "Choose appointment slot", byPriority(minutes(8)));
                gateway(GATEWAY_BOOK_OR_DEFER, "Book or defer?");
                step(TASK_BOOK_APPOINTMENT, "Book appointment", Call.of("A016", "POST", "/STU3/Appointment", 201, 450));
                endId = END_APPOINTMENT_BOOKED;
                endName = "Appointment booked";
            }
            case DEFERRED_TO_PROVIDER -> {
                deferral();
                endId = END_BOOKING_DEFERRED;
                endName = "Booking deferred to provider";
            }
            case CANCELLED -> {
                findSlots();
                return cancelWhileWaiting(TASK_CHOOSE_SLOT, "Choose appointment slot", start);
            }
            default -> throw new IllegalStateException("No path for " + outcome);
        }
        gateway("Gateway_ReadyForLetter", null);
        step(TASK_GENERATE_PATIENT_LETTER, "Generate patient letter",
                Call.of("A019", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.generatePatientLetter", 200, 900));
        step(TASK_RETRIEVE_REFERRAL_STATE, "Record final referral state",
                Call.of("A005", "GET", "/STU3/ReferralRequest/" + ubrn, 200, 90));
        gateway(GATEWAY_WHICH_OUTCOME, "Which outcome?");
        return end(endId, endName, start);
    }

    private void searchFindingNothing() {
        search();
        gateway(GATEWAY_SERVICES_FOUND, "Services found?");
    }

    private void search() {
        step(TASK_SEARCH_SERVICES, "Search e-RS services",
                Call.of("A010", "POST", "/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient", 200, 350));
    }

    private void attachLetterFiles() {
        int files = 1 + (random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(2));
        String body = activity(TASK_UPLOAD_REFERRAL_LETTER + "#multiInstanceBody", null, "multiInstanceBody", now, null,
                null, 4, id());
        Instant bodyStart = now;
        String outer = currentScope;
        currentScope = body;
        for (int i = 0; i < files; i++) {
            step(TASK_UPLOAD_REFERRAL_LETTER, "Upload referral letter file", Call.of("A020", "POST", "/STU3/Binary", 201, 400));
        }
        currentScope = outer;
        endActivity(body, bodyStart);
    }

    private void findSlots() {
        step(TASK_RETRIEVE_SLOTS, "Find free slots", Call.of("A015", "GET", "/STU3/Slot", 200, 300));
        gateway(GATEWAY_SLOTS_AVAILABLE, "Free slots?");
    }

    private void deferral() {
        Call defer = Call.of("A016", "POST", "/STU3/Appointment", 201, 450);
        switch (random.nextInt(3)) {
            case 0 -> {
                // No free slot at the service.
                findSlots();
                step(TASK_DEFER_TO_PROVIDER, "Defer booking to provider", defer);
            }
            case 1 -> {
                // The coordinator found no slot that suits the patient.
                findSlots();
                userTask(TASK_CHOOSE_SLOT, "Choose appointment slot", byPriority(minutes(15)));
                gateway(GATEWAY_BOOK_OR_DEFER, "Book or defer?");
                step(TASK_DEFER_TO_PROVIDER, "Defer booking to provider", defer);
            }
            default -> {
                // The slot was taken meanwhile, or the provider's system did not answer.
                findSlots();
                userTask(TASK_CHOOSE_SLOT, "Choose appointment slot", byPriority(minutes(8)));
                gateway(GATEWAY_BOOK_OR_DEFER, "Book or defer?");
                boolean slotGone = random.nextBoolean();
                interrupted(TASK_BOOK_APPOINTMENT, "Book appointment",
                        Call.of("A016", "POST", "/STU3/Appointment", slotGone ? 409 : 504, slotGone ? 300 : 30_000),
                        slotGone ? "BoundaryEvent_SlotGone" : "BoundaryEvent_ProviderUnavailable",
                        slotGone ? "Slot gone" : "Provider did not answer");
                step(TASK_DEFER_TO_PROVIDER, "Defer booking to provider", defer);
            }
        }
    }

    /** A cancellation requested while a coordinator's task was open: the event sub-process cancels in e-RS. */
    private Instant cancelWhileWaiting(String taskKey, String taskName, Instant start) {
        userTaskCancelled(taskKey, taskName, byPriority(hours(3)));
        String sub = activity("SubProcess_Cancellation", "Cancellation requested", "subProcess", now, null, null, 4, id());
        Instant subStart = now;
        currentScope = sub;
        event(START_CANCELLATION_REQUESTED, "Cancellation requested", "messageStartEvent");
        gateway("Gateway_CancellationNeedsErs", "Referral created in e-RS?");
        service(TASK_CANCEL_REFERRAL, "Cancel referral in e-RS",
                Call.of("A036", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral", 200, 200));
        gateway("Gateway_CancellationDone", null);
        Instant end = end(END_REFERRAL_CANCELLED, "Referral cancelled", start);
        endActivity(sub, subStart);
        currentScope = processInstanceId;
        return end;
    }

    /** e-RS refused a step after the referral was created; the coordinator gave up and it was cancelled. */
    private Instant rejectedAndGivenUp(String stepId, String stepName, String operation, Instant start) {
        Call refused = operation.equals("A012")
                ? Call.of("A012", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter", 422, 180)
                : Call.of("A015", "GET", "/STU3/Slot", 422, 200);
        interrupted(stepId, stepName, refused, "BoundaryEvent_" + stepId.substring("Task_".length()) + "Failed", "e-RS problem");
        userTask(TASK_RESOLVE_REJECTION, "Resolve e-RS rejection", hours(3));
        gateway("Gateway_TryAgain", "Try again?");
        gateway("Gateway_CreatedBeforeGivingUp", "Referral created in e-RS?");
        service(TASK_CANCEL_REJECTED_REFERRAL, "Cancel referral in e-RS",
                Call.of("A036", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral", 200, 200));
        return end(END_REJECTED_REFERRAL_CANCELLED, "Referral cancelled", start);
    }

    /**
     * An e-RS step as it usually goes: mostly at once; sometimes refused (422) or its token rejected
     * (401) and worked by a coordinator before it succeeds. Only for steps the model routes e-RS
     * problems from (the cancellations have no such route).
     */
    private void step(String id, String name, Call... calls) {
        int roll = random.nextInt(1000);
        if (roll < 25 && calls.length > 0) {
            Call first = calls[0];
            interrupted(id, name, first.withStatus(422), "BoundaryEvent_" + id.substring("Task_".length()) + "Failed",
                    "e-RS problem");
            userTask(TASK_RESOLVE_REJECTION, "Resolve e-RS rejection", hours(2));
            gateway("Gateway_TryAgain", "Try again?");
        } else if (roll < 33 && calls.length > 0) {
            Call first = calls[0];
            interrupted(id, name, first.withStatus(401), "BoundaryEvent_" + id.substring("Task_".length()) + "Failed",
                    "e-RS problem");
            userTask(TASK_SIGN_IN_AGAIN, "Sign in to e-RS again", minutes(20));
        }
        service(id, name, calls);
    }

    /** An asynchronous service task: picked up by the job executor, its calls, retries after failures. */
    private void service(String id, String name, Call... calls) {
        now = now.plusMillis(20 + random.nextInt(800));
        String execution = id();
        for (Call call : calls) {
            failures(id, execution, call);
        }
        Instant start = now;
        now = now.plusMillis(3 + random.nextInt(15));
        for (Call call : calls) {
            call(id, call, call.status());
            now = now.plusMillis(2 + random.nextInt(10));
        }
        activity(id, name, "serviceTask", start, now, null, 4, execution);
    }

    /**
     * Failed attempts before the successful one: the job rolls back (no activity row), is retried after
     * 10 s, 1 min, 5 min, and after the last an incident waits for an operator.
     */
    private void failures(String id, String execution, Call call) {
        int roll = random.nextInt(1000);
        int failed = roll < 2 ? 4 : roll < 20 ? 1 : roll < 25 ? 2 : 0;
        String jobId = id();
        for (int attempt = 0; attempt < failed; attempt++) {
            int status = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> 504;
                case 2 -> 429;
                default -> 503;
            };
            call(id, call, status);
            if (attempt < JOB_RETRY_DELAYS.length) {
                now = now.plus(JOB_RETRY_DELAYS[attempt]).plusMillis(random.nextInt(900));
            } else {
                Instant raised = now;
                now = now.plus(minutes(20 + random.nextInt(280)));
                String message = call.operation() + (status > 0 ? " answered " + status + ": e-RS is unavailable"
                        : " gave no answer: Read timed out");
                String incident = id();
                rows.incidents.add(new Object[] {incident, PROCESS_KEY_VALUE, definition.id(), processInstanceId, processInstanceId,
                        execution, raised, now, message, "failedJob", id, id, incident, incident, jobId, INCIDENT_RESOLVED, null});
                rows.operations.add(operation(null, jobId, "SetJobRetries", "Job", "retries", "0", "1", "Operator", OPERATOR));
                now = now.plusMillis(200 + random.nextInt(3000));
            }
        }
    }

    /** A step whose call e-RS refused with a BPMN error: the task is left through its boundary event. */
    private void interrupted(String id, String name, Call call, String boundaryId, String boundaryName) {
        now = now.plusMillis(20 + random.nextInt(800));
        Instant start = now;
        String execution = id();
        now = now.plusMillis(3);
        call(id, call, call.status());
        activity(id, name, "serviceTask", start, now, null, 2, execution);
        activity(boundaryId, boundaryName, "boundaryError", now, now.plusMillis(1), null, 4, processInstanceId);
        now = now.plusMillis(1);
    }

    private void call(String step, Call call, int status) {
        long duration = status == 0 ? 30_000 + random.nextInt(50) : logNormal(call.typicalMs(), 0.5);
        String correlation = processInstanceId + ":" + step + ":" + Integer.toHexString(random.nextInt() | 0x10000000);
        String stepOperation = step + " " + call.operation();
        boolean retry = failedCalls.contains(stepOperation);
        if (status == 0 || status >= 400) {
            failedCalls.add(stepOperation);
        }
        rows.calls.add(new Object[] {processInstanceId, step, call.operation(), correlation, call.method(),
                ERS_BASE_PATH + call.path(), status, status == 0 ? "SocketTimeoutException" : null, duration, now,
                requestedAt, retry});
        now = now.plusMillis(duration);
    }

    private void userTask(String key, String name, Duration typical) {
        Duration took = logNormal(typical, 0.9);
        String taskId = id();
        Instant start = now;
        now = now.plus(took);
        String activityId = activity(key, name, "userTask", start, now, taskId, 4, processInstanceId);
        rows.tasks.add(new Object[] {taskId, key, PROCESS_KEY_VALUE, definition.id(), processInstanceId, processInstanceId,
                processInstanceId, activityId, taskName(name), coordinator, start, now, took.toMillis(), "completed",
                taskPriority(), start.plus(dueWithin()), "Completed", null});
        Instant claimed = start.plus(took.dividedBy(3));
        rows.operations.add(operationAt(claimed, taskId, null, "Claim", "Task", "assignee", null, coordinator, "TaskWorker", coordinator));
        rows.operations.add(operationAt(now, taskId, null, "Complete", "Task", "delete", "false", "true", "TaskWorker", coordinator));
        now = now.plusMillis(5 + random.nextInt(40));
    }

    /** A coordinator's task still open when the referral was cancelled: deleted, not completed. */
    private void userTaskCancelled(String key, String name, Duration typical) {
        Duration open = logNormal(typical, 0.9);
        String taskId = id();
        Instant start = now;
        now = now.plus(open);
        String activityId = activity(key, name, "userTask", start, now, taskId, 2, processInstanceId);
        rows.tasks.add(new Object[] {taskId, key, PROCESS_KEY_VALUE, definition.id(), processInstanceId, processInstanceId,
                processInstanceId, activityId, taskName(name), null, start, now, open.toMillis(), "deleted",
                taskPriority(), start.plus(dueWithin()), "Deleted", null});
        rows.operations.add(operationAt(now, null, null, "CorrelateMessage", "ProcessInstance", "messageName", null,
                MESSAGE_CANCEL_REFERRAL, "Operator", coordinator));
    }

    private void event(String id, String name, String type) {
        Instant start = now;
        now = now.plusMillis(random.nextInt(15));
        activity(id, name, type, start, now, null, 4, processInstanceId);
    }

    private void gateway(String id, String name) {
        Instant start = now;
        now = now.plusMillis(random.nextInt(3));
        activity(id, name, "exclusiveGateway", start, now, null, 4, processInstanceId);
    }

    private Instant end(String id, String name, Instant start) {
        Instant at = now;
        now = now.plusMillis(1);
        activity(id, name, "noneEndEvent", at, now, null, 1, processInstanceId);
        Instant end = now;
        rows.processInstances.add(new Object[] {processInstanceId, processInstanceId, request.requestId(), PROCESS_KEY_VALUE,
                definition.id(), start, end, Duration.between(start, end).toMillis(), coordinator, START_REFERRAL_REQUESTED,
                id, processInstanceId, "COMPLETED", null});
        variable("requestId", request.requestId(), start);
        variable("nhsNumber", request.nhsNumber(), start);
        variable("priority", request.priority(), start);
        variable("specialty", request.specialty(), start);
        variable("clinicType", request.clinicType(), start);
        variable("outcome", request.outcome().name(), start);
        if (ubrn != null) {
            variable("ubrn", ubrn, start);
        }
        rows.referrals.add(new Object[] {request.requestId(), processInstanceId, ubrn, request.specialty(), request.priority(),
                null, request.outcome().name(), "COMPLETED", start, end, 1L});
        return end;
    }

    // ---- rows ---------------------------------------------------------------------------------------

    private String activity(String actId, String name, String type, Instant start, Instant end, String taskId, int state,
                            String execution) {
        boolean scope = type.equals("subProcess") || type.equals("multiInstanceBody");
        // As the engine names activity instances: "<activity id>:<id>" when that fits the column.
        String uuid = id();
        String id = scope || actId.length() + 1 + uuid.length() > 64 ? uuid : actId + ":" + uuid;
        rows.activities.add(new Object[] {id, currentScope, PROCESS_KEY_VALUE, definition.id(), processInstanceId,
                processInstanceId, execution, actId, taskId, name, type, taskId == null ? null : coordinator, start, end,
                end == null ? null : Duration.between(start, end).toMillis(), state, ++sequence, null});
        return id;
    }

    /** Ends a scope activity (sub-process, multi-instance body) started earlier. */
    private void endActivity(String id, Instant start) {
        for (Object[] row : rows.activities) {
            if (row[0].equals(id)) {
                row[13] = now;
                row[14] = Duration.between(start, now).toMillis();
                return;
            }
        }
    }

    private void variable(String name, String value, Instant created) {
        rows.variables.add(new Object[] {id(), PROCESS_KEY_VALUE, definition.id(), processInstanceId, processInstanceId,
                processInstanceId, processInstanceId, name, "string", created, 0, value, "CREATED", null});
    }

    private Object[] operation(String taskId, String jobId, String type, String entity, String property, String before,
                               String after, String category, String user) {
        return operationAt(now, taskId, jobId, type, entity, property, before, after, category, user);
    }

    private Object[] operationAt(Instant at, String taskId, String jobId, String type, String entity, String property,
                                 String before, String after, String category, String user) {
        return new Object[] {id(), definition.deploymentId(), definition.id(), PROCESS_KEY_VALUE, processInstanceId,
                processInstanceId, taskId, jobId, user, at, type, id(), entity, property, before, after, category, null};
    }

    private String taskName(String name) {
        String priorityText = switch (request.priority()) {
            case "TWO_WEEK_WAIT" -> "two week wait";
            case "URGENT" -> "urgent";
            default -> "routine";
        };
        return name + " — " + request.specialtyDisplay() + ", " + priorityText;
    }

    private int taskPriority() {
        return switch (request.priority()) {
            case "TWO_WEEK_WAIT" -> 90;
            case "URGENT" -> 70;
            default -> 50;
        };
    }

    private Duration dueWithin() {
        return switch (request.priority()) {
            case "TWO_WEEK_WAIT" -> Duration.ofHours(24);
            case "URGENT" -> Duration.ofDays(2);
            default -> Duration.ofDays(5);
        };
    }

    /** Coordinators work two-week-wait referrals first. */
    private Duration byPriority(Duration routine) {
        return switch (request.priority()) {
            case "TWO_WEEK_WAIT" -> routine.dividedBy(5);
            case "URGENT" -> routine.dividedBy(2);
            default -> routine;
        };
    }

    private Duration logNormal(Duration median, double spread) {
        return Duration.ofMillis(logNormal(median.toMillis(), spread));
    }

    private long logNormal(long median, double spread) {
        return Math.max(1, Math.round(median * Math.exp(random.nextGaussian() * spread)));
    }

    /**
     * UUID-shaped like the engine's ids, but ascending within a run (the first 8 hex digits count up),
     * so the inserts append to the tables' key indexes instead of scattering over them.
     */
    private String id() {
        long ascending = ids.next();
        return new UUID((ascending << 32) | (random.nextInt() & 0xffffffffL), random.nextLong()).toString();
    }

    private static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    /** A run's id counter: starts from the run's time, so runs rarely share a range. */
    static final class Ids {
        private long next;

        Ids(Instant runStart) {
            next = runStart.getEpochSecond() & 0x0fffffffL;
        }

        long next() {
            return next++ & 0xffffffffL;
        }
    }

    /** One e-RS call of a step and its typical duration. */
    record Call(String operation, String method, String path, int status, long typicalMs) {
        static Call of(String operation, String method, String path, int status, long typicalMs) {
            return new Call(operation, method, path, status, typicalMs);
        }

        Call withStatus(int other) {
            return new Call(operation, method, path, other, typicalMs);
        }
    }
}
