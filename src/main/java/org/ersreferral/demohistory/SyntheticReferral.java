package org.ersreferral.demohistory;

import static org.ersreferral.process.ReferralProcess.*;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.Priority;
import org.ersreferral.process.ReferralVariables;

/**
 * One completed referral's history as the engine and the application would have written it: the
 * path through {@code ers-referral} that leads to its outcome, each e-RS step as the {@code ers-step}
 * instance it calls (where e-RS refusals and sign-ins are worked), coordinators' tasks with plausible
 * durations, every e-RS call of every step (some failing and retried, a few ending in an incident an
 * operator resolved), and the application's referral record. Element names come from the deployed models.
 */
final class SyntheticReferral {

    private static final String ERS_BASE_PATH = "/ers-sim/FHIR";
    private static final Duration[] JOB_RETRY_DELAYS = {Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)};
    private static final List<String> COORDINATORS = List.of("coordinator", "amara.okafor", "ben.hughes", "chloe.patel",
            "david.nowak", "eilidh.ross");
    private static final String OPERATOR = "admin";
    /** The engine's incident state "resolved" (0 open, 2 deleted). */
    private static final int INCIDENT_RESOLVED = 1;

    /**
     * Where one referral's rows land and what they are keyed by: the deployed {@code ers-referral} and
     * {@code ers-step} versions, and the names their models give each element.
     */
    record Definition(String id, String stepId, String deploymentId, Map<String, String> names) {

        /** Null for an element the model gives no name, as the engine writes it. */
        String name(String elementId) {
            return names.get(elementId);
        }
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
    private final Set<String> failedCalls = new HashSet<>();
    private long sequence;
    private String ubrn;
    private String currentScope;
    /** The instance rows are written for now: the referral's, or the ers-step instance of the step being run. */
    private String instanceId;
    private String instanceKey;
    private String instanceDefinitionId;

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
        this.instanceId = processInstanceId;
        this.instanceKey = PROCESS_KEY;
        this.instanceDefinitionId = definition.id();
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
        event(START_REFERRAL_REQUESTED, "startEvent");
        service(TASK_ESTABLISH_ERS_CONTEXT, Call.of("A030", "GET", "/R4/PractitionerRole", 200, 80));
        if (random.nextInt(10) == 0) {
            // Reference data is cached for an hour: only some referrals load it.
            service(TASK_LOAD_REFERENCE_DATA,
                    Call.of("A004", "GET", "/STU3/CodeSystem/SPECIALTY", 200, 60),
                    Call.of("A004", "GET", "/STU3/CodeSystem/PRIORITY", 200, 25),
                    Call.of("A004", "GET", "/STU3/CodeSystem/CLINIC-TYPE", 200, 30));
        } else {
            service(TASK_LOAD_REFERENCE_DATA);
        }
        Outcome outcome = request.outcome();
        boolean abandon = outcome == Outcome.SEARCH_ABANDONED;
        if (abandon || random.nextInt(8) == 0) {
            searchFindingNothing();
            userTask(TASK_REFINE_SEARCH, minutes(12));
            gateway(GATEWAY_SEARCH_AGAIN);
            if (abandon) {
                return end(END_SEARCH_ABANDONED, start);
            }
        }
        search();
        gateway(GATEWAY_SERVICES_FOUND);
        userTask(TASK_CHOOSE_SHORTLIST, byPriority(minutes(25)));
        gateway(GATEWAY_RAS_OR_SHORTLIST);
        ubrn = String.format("%012d", 100_000_000_000L + (random.nextLong() & Long.MAX_VALUE) % 900_000_000_000L);
        step(TASK_CREATE_REFERRAL,
                Call.of("A011", "POST", "/STU3/ReferralRequest/$ers.createReferral", 201, 250));
        gateway(GATEWAY_REFERRAL_CREATED);

        boolean cancelRequested = outcome == Outcome.CANCELLED && random.nextInt(5) < 3;
        // Given up after e-RS refused a step: cancelled in e-RS on the coordinator's choice, or left there as it is.
        boolean givenUp = outcome == Outcome.LEFT_IN_ERS || outcome == Outcome.CANCELLED && !cancelRequested;
        if (cancelRequested && random.nextBoolean()) {
            return cancelWhileWaiting(TASK_ATTACH_REFERRAL_LETTER, start);
        }
        userTask(TASK_ATTACH_REFERRAL_LETTER, byPriority(hours(2)));
        gateway(GATEWAY_LETTER_ATTACHED);
        if (random.nextInt(4) > 0) {
            attachLetterFiles();
            if (givenUp) {
                return rejectedAndGivenUp(TASK_MAINTAIN_REFERRAL_LETTER, "A012", outcome == Outcome.CANCELLED, start);
            }
            step(TASK_MAINTAIN_REFERRAL_LETTER,
                    Call.of("A012", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter", 200, 200));
        } else if (givenUp) {
            gateway(GATEWAY_LETTER_DONE);
            gateway(GATEWAY_HOW_TO_PROCEED);
            return rejectedAndGivenUp(TASK_RETRIEVE_SLOTS, "A015", outcome == Outcome.CANCELLED, start);
        }
        gateway(GATEWAY_LETTER_DONE);
        gateway(GATEWAY_HOW_TO_PROCEED);
        String endId;
        switch (outcome) {
            case SENT_FOR_TRIAGE -> {
                step(TASK_SEND_FOR_TRIAGE, Call.of("A016", "POST", "/STU3/Appointment", 201, 450));
                endId = END_SENT_FOR_TRIAGE;
            }
            case AWAITING_PATIENT_BOOKING -> {
                event(EVENT_PATIENT_TO_BOOK, "intermediateNoneThrowEvent");
                endId = END_AWAITING_PATIENT_BOOKING;
            }
            case BOOKED -> {
                findSlots();
                userTask(TASK_CHOOSE_SLOT, byPriority(minutes(8)));
                gateway(GATEWAY_BOOK_OR_DEFER);
                step(TASK_BOOK_APPOINTMENT, Call.of("A016", "POST", "/STU3/Appointment", 201, 450));
                endId = END_APPOINTMENT_BOOKED;
            }
            case DEFERRED_TO_PROVIDER -> {
                deferral();
                endId = END_BOOKING_DEFERRED;
            }
            case CANCELLED -> {
                findSlots();
                return cancelWhileWaiting(TASK_CHOOSE_SLOT, start);
            }
            default -> throw new IllegalStateException("No path for " + outcome);
        }
        gateway(GATEWAY_READY_FOR_LETTER);
        step(TASK_GENERATE_PATIENT_LETTER,
                Call.of("A019", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.generatePatientLetter", 200, 900));
        step(TASK_RETRIEVE_REFERRAL_STATE,
                Call.of("A005", "GET", "/STU3/ReferralRequest/" + ubrn, 200, 90));
        gateway(GATEWAY_WHICH_OUTCOME);
        return end(endId, start);
    }

    private void searchFindingNothing() {
        search();
        gateway(GATEWAY_SERVICES_FOUND);
    }

    private void search() {
        step(TASK_SEARCH_SERVICES,
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
            step(TASK_UPLOAD_REFERRAL_LETTER, Call.of("A020", "POST", "/STU3/Binary", 201, 400));
        }
        currentScope = outer;
        endActivity(body, bodyStart);
    }

    private void findSlots() {
        step(TASK_RETRIEVE_SLOTS, Call.of("A015", "GET", "/STU3/Slot", 200, 300));
        gateway(GATEWAY_SLOTS_AVAILABLE);
    }

    private void deferral() {
        Call defer = Call.of("A016", "POST", "/STU3/Appointment", 201, 450);
        switch (random.nextInt(3)) {
            case 0 -> {
                // No free slot at the service.
                findSlots();
                step(TASK_DEFER_TO_PROVIDER, defer);
            }
            case 1 -> {
                // The coordinator found no slot that suits the patient.
                findSlots();
                userTask(TASK_CHOOSE_SLOT, byPriority(minutes(15)));
                gateway(GATEWAY_BOOK_OR_DEFER);
                step(TASK_DEFER_TO_PROVIDER, defer);
            }
            default -> {
                // The slot was taken meanwhile, or the provider's system did not answer.
                findSlots();
                userTask(TASK_CHOOSE_SLOT, byPriority(minutes(8)));
                gateway(GATEWAY_BOOK_OR_DEFER);
                boolean slotGone = random.nextBoolean();
                // Not an e-RS problem for a coordinator: the error leaves ers-step for the booking step's boundary event.
                StepInstance booking = enterStep(TASK_BOOK_APPOINTMENT);
                now = now.plusMillis(20 + random.nextInt(800));
                Instant attempt = now;
                call(TASK_BOOK_APPOINTMENT, Call.of("A016", "POST", "/STU3/Appointment", slotGone ? 409 : 504,
                        slotGone ? 300 : 30_000), slotGone ? 409 : 504);
                activity(TASK_CALL_ERS, name(TASK_CALL_ERS), "serviceTask", attempt, now, null, 2, id());
                leaveStep(booking, TASK_CALL_ERS, 2);
                String boundary = slotGone ? BOUNDARY_SLOT_GONE : BOUNDARY_PROVIDER_UNAVAILABLE;
                activity(boundary, name(boundary), "boundaryError", now, now.plusMillis(1), null, 4, processInstanceId);
                now = now.plusMillis(1);
                step(TASK_DEFER_TO_PROVIDER, defer);
            }
        }
    }

    /** A cancellation requested while a coordinator's task was open: the event sub-process cancels in e-RS. */
    private Instant cancelWhileWaiting(String taskKey, Instant start) {
        userTaskCancelled(taskKey, byPriority(hours(3)));
        String sub = activity(SUBPROCESS_CANCELLATION, name(SUBPROCESS_CANCELLATION), "subProcess", now, null, null, 4, id());
        Instant subStart = now;
        currentScope = sub;
        event(START_CANCELLATION_REQUESTED, "messageStartEvent");
        gateway(GATEWAY_CANCELLATION_NEEDS_ERS);
        service(TASK_CANCEL_REFERRAL,
                Call.of("A036", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral", 200, 200));
        gateway(GATEWAY_CANCELLATION_DONE);
        Instant end = end(END_REFERRAL_CANCELLED, start);
        endActivity(sub, subStart);
        currentScope = processInstanceId;
        return end;
    }

    /**
     * e-RS refused a step after the referral was created; the coordinator gave up: the ers-step instance
     * throws "given up" and the referral's event sub-process cancels the referral in e-RS when the
     * coordinator chose that, or leaves it there as it is.
     */
    private Instant rejectedAndGivenUp(String stepId, String operation, boolean cancelInErs, Instant start) {
        Call refused = operation.equals("A012")
                ? Call.of("A012", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.maintainReferralLetter", 422, 180)
                : Call.of("A015", "GET", "/STU3/Slot", 422, 200);
        StepInstance step = enterStep(stepId);
        refused(stepId, refused, hours(3));
        gateway(GATEWAY_TRY_AGAIN);
        event(END_ERS_STEP_GAVE_UP, "errorEndEvent");
        leaveStep(step, END_ERS_STEP_GAVE_UP, 2);
        String sub = activity(SUBPROCESS_ERS_STEP_GIVEN_UP, name(SUBPROCESS_ERS_STEP_GIVEN_UP), "subProcess", now, null, null, 4,
                id());
        Instant subStart = now;
        currentScope = sub;
        event(START_ERS_STEP_GIVEN_UP, "errorStartEvent");
        gateway(GATEWAY_GIVE_UP_CHOICE);
        String end = END_LEFT_IN_ERS;
        if (cancelInErs) {
            service(TASK_CANCEL_REJECTED_REFERRAL,
                    Call.of("A036", "POST", "/STU3/ReferralRequest/" + ubrn + "/$ers.cancelReferral", 200, 200));
            end = END_REJECTED_REFERRAL_CANCELLED;
        }
        Instant ended = end(end, start);
        endActivity(sub, subStart);
        currentScope = processInstanceId;
        return ended;
    }

    /**
     * An e-RS step: the referral's call activity and the ers-step instance it calls. The call goes
     * through mostly at once; sometimes e-RS refuses it (422) or its token (401) and a coordinator works
     * the problem in the ers-step instance before it succeeds.
     */
    private void step(String id, Call... calls) {
        StepInstance step = enterStep(id);
        int roll = random.nextInt(1000);
        if (roll < 25 && calls.length > 0) {
            refused(id, calls[0].withStatus(422), hours(2));
            gateway(GATEWAY_TRY_AGAIN);
            gateway(GATEWAY_CALL_AGAIN);
        } else if (roll < 33 && calls.length > 0) {
            interrupted(TASK_CALL_ERS, id, calls[0].withStatus(401), BOUNDARY_ERS_UNAUTHORISED);
            userTask(TASK_SIGN_IN_AGAIN, minutes(20));
            gateway(GATEWAY_CALL_AGAIN);
        }
        service(TASK_CALL_ERS, id, calls);
        event(END_ERS_STEP_DONE, "noneEndEvent");
        leaveStep(step, END_ERS_STEP_DONE, 4);
    }

    private void refused(String stepId, Call call, Duration typicalResolution) {
        interrupted(TASK_CALL_ERS, stepId, call, BOUNDARY_ERS_REJECTED);
        userTask(TASK_RESOLVE_REJECTION, typicalResolution);
    }

    /** The referral's call activity of an e-RS step, and its ers-step instance, where rows go until {@link #leaveStep}. */
    private record StepInstance(String activityInstanceId, String execution, String instanceId, String outerScope, Instant start,
                                String stepId) {
    }

    private String callingStep;
    private String callingExecution;

    private StepInstance enterStep(String stepId) {
        now = now.plusMillis(5 + random.nextInt(40));
        String execution = id();
        String child = id();
        String activityInstance = activity(stepId, name(stepId), "callActivity", now, null, null, 4, execution);
        rows.activities.get(rows.activities.size() - 1)[17] = child;
        StepInstance step = new StepInstance(activityInstance, execution, child, currentScope, now, stepId);
        instanceId = child;
        instanceKey = STEP_PROCESS_KEY;
        instanceDefinitionId = definition.stepId();
        currentScope = child;
        callingStep = stepId;
        callingExecution = execution;
        event(START_ERS_STEP_CALLED, "startEvent");
        gateway(GATEWAY_CALL_AGAIN);
        return step;
    }

    /** Ends the ers-step instance at {@code endId} and the call activity with {@code state} (4 completed, 2 interrupted). */
    private void leaveStep(StepInstance step, String endId, int state) {
        rows.processInstances.add(new Object[] {step.instanceId(), step.instanceId(), request.requestId(), STEP_PROCESS_KEY,
                definition.stepId(), step.start(), now, Duration.between(step.start(), now).toMillis(), null,
                START_ERS_STEP_CALLED, endId, processInstanceId, processInstanceId, "COMPLETED", null});
        instanceId = processInstanceId;
        instanceKey = PROCESS_KEY;
        instanceDefinitionId = definition.id();
        currentScope = step.outerScope();
        callingStep = null;
        callingExecution = null;
        for (Object[] row : rows.activities) {
            if (row[0].equals(step.activityInstanceId())) {
                row[13] = now;
                row[14] = Duration.between(step.start(), now).toMillis();
                row[15] = state;
            }
        }
        now = now.plusMillis(1 + random.nextInt(5));
    }

    /** An asynchronous service task: picked up by the job executor, its calls, retries after failures. */
    private void service(String id, Call... calls) {
        service(id, id, calls);
    }

    /** {@code stepId}: the referral's step the calls are recorded for (the calling step for ers-step's call). */
    private void service(String id, String stepId, Call... calls) {
        now = now.plusMillis(20 + random.nextInt(800));
        String execution = id();
        for (Call call : calls) {
            failures(id, stepId, execution, call);
        }
        Instant start = now;
        now = now.plusMillis(3 + random.nextInt(15));
        for (Call call : calls) {
            call(stepId, call, call.status());
            now = now.plusMillis(2 + random.nextInt(10));
        }
        activity(id, name(id), "serviceTask", start, now, null, 4, execution);
    }

    /**
     * Failed attempts before the successful one: the job rolls back (no activity row), is retried after
     * 10 s, 1 min, 5 min, and after the last an incident waits for an operator.
     */
    private void failures(String id, String stepId, String execution, Call call) {
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
            call(stepId, call, status);
            if (attempt < JOB_RETRY_DELAYS.length) {
                now = now.plus(JOB_RETRY_DELAYS[attempt]).plusMillis(random.nextInt(900));
            } else {
                Instant raised = now;
                now = now.plus(minutes(20 + random.nextInt(280)));
                String message = call.operation() + (status > 0 ? " answered " + status + ": e-RS is unavailable"
                        : " gave no answer: Read timed out");
                String incident = id();
                rows.incidents.add(new Object[] {incident, instanceKey, instanceDefinitionId, processInstanceId, instanceId,
                        execution, raised, now, message, "failedJob", id, id, incident, incident, jobId, INCIDENT_RESOLVED, null});
                if (callingStep != null) {
                    // The engine raises the incident on the calling step too, caused by this one.
                    rows.incidents.add(new Object[] {id(), PROCESS_KEY, definition.id(), processInstanceId, processInstanceId,
                            callingExecution, raised, now, null, "failedJob", callingStep, callingStep, incident, incident, null,
                            INCIDENT_RESOLVED, null});
                }
                rows.operations.add(operation(null, jobId, "SetJobRetries", "Job", "retries", "0", "1", "Operator", OPERATOR));
                now = now.plusMillis(200 + random.nextInt(3000));
            }
        }
    }

    /** A call e-RS refused with a BPMN error: the activity {@code id} is left through its boundary event. */
    private void interrupted(String id, String stepId, Call call, String boundaryId) {
        now = now.plusMillis(20 + random.nextInt(800));
        Instant start = now;
        String execution = id();
        now = now.plusMillis(3);
        call(stepId, call, call.status());
        activity(id, name(id), "serviceTask", start, now, null, 2, execution);
        activity(boundaryId, name(boundaryId), "boundaryError", now, now.plusMillis(1), null, 4, instanceId);
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

    private void userTask(String key, Duration typical) {
        String name = name(key);
        Duration took = logNormal(typical, 0.9);
        String taskId = id();
        Instant start = now;
        now = now.plus(took);
        String activityId = activity(key, name, "userTask", start, now, taskId, 4, instanceId);
        rows.tasks.add(new Object[] {taskId, key, instanceKey, instanceDefinitionId, processInstanceId, instanceId,
                instanceId, activityId, taskName(name), coordinator, start, now, took.toMillis(), "completed",
                taskPriority(), start.plus(dueWithin()), "Completed", null});
        Instant claimed = start.plus(took.dividedBy(3));
        rows.operations.add(operationAt(claimed, taskId, null, "Claim", "Task", "assignee", null, coordinator, "TaskWorker", coordinator));
        rows.operations.add(operationAt(now, taskId, null, "Complete", "Task", "delete", "false", "true", "TaskWorker", coordinator));
        now = now.plusMillis(5 + random.nextInt(40));
    }

    /** A coordinator's task still open when the referral was cancelled: deleted, not completed. */
    private void userTaskCancelled(String key, Duration typical) {
        String name = name(key);
        Duration open = logNormal(typical, 0.9);
        String taskId = id();
        Instant start = now;
        now = now.plus(open);
        String activityId = activity(key, name, "userTask", start, now, taskId, 2, instanceId);
        rows.tasks.add(new Object[] {taskId, key, instanceKey, instanceDefinitionId, processInstanceId, instanceId,
                instanceId, activityId, taskName(name), null, start, now, open.toMillis(), "deleted",
                taskPriority(), start.plus(dueWithin()), "Deleted", null});
        rows.operations.add(operationAt(now, null, null, "CorrelateMessage", "ProcessInstance", "messageName", null,
                MESSAGE_CANCEL_REFERRAL, "Operator", coordinator));
    }

    private void event(String id, String type) {
        String name = name(id);
        Instant start = now;
        now = now.plusMillis(random.nextInt(15));
        activity(id, name, type, start, now, null, 4, instanceId);
    }

    private void gateway(String id) {
        String name = name(id);
        Instant start = now;
        now = now.plusMillis(random.nextInt(3));
        activity(id, name, "exclusiveGateway", start, now, null, 4, instanceId);
    }

    private Instant end(String id, Instant start) {
        String name = name(id);
        Instant at = now;
        now = now.plusMillis(1);
        activity(id, name, "noneEndEvent", at, now, null, 1, processInstanceId);
        Instant end = now;
        rows.processInstances.add(new Object[] {processInstanceId, processInstanceId, request.requestId(), PROCESS_KEY,
                definition.id(), start, end, Duration.between(start, end).toMillis(), coordinator, START_REFERRAL_REQUESTED,
                id, processInstanceId, null, "COMPLETED", null});
        variable(ReferralVariables.REQUEST_ID.name(), request.requestId(), start);
        variable(ReferralVariables.NHS_NUMBER.name(), request.nhsNumber(), start);
        variable(ReferralVariables.PRIORITY.name(), request.priority(), start);
        variable(ReferralVariables.SPECIALTY.name(), request.specialty(), start);
        variable(ReferralVariables.CLINIC_TYPE.name(), request.clinicType(), start);
        variable(ReferralVariables.OUTCOME.name(), request.outcome().name(), start);
        if (ubrn != null) {
            variable(ReferralVariables.UBRN.name(), ubrn, start);
        }
        rows.referrals.add(new Object[] {request.requestId(), processInstanceId, ubrn, request.specialty(), request.priority(),
                null, request.outcome().name(), "COMPLETED", start, end, 1L});
        return end;
    }

    // ---- rows ---------------------------------------------------------------------------------------

    /** The element's name in the deployed model, as the engine records it. */
    private String name(String elementId) {
        return definition.name(elementId);
    }

    private String activity(String actId, String name, String type, Instant start, Instant end, String taskId, int state,
                            String execution) {
        boolean scope = type.equals("subProcess") || type.equals("multiInstanceBody");
        // As the engine names activity instances: "<activity id>:<id>" when that fits the column.
        String uuid = id();
        String id = scope || actId.length() + 1 + uuid.length() > 64 ? uuid : actId + ":" + uuid;
        rows.activities.add(new Object[] {id, currentScope, instanceKey, instanceDefinitionId, processInstanceId,
                instanceId, execution, actId, taskId, name, type, taskId == null ? null : coordinator, start, end,
                end == null ? null : Duration.between(start, end).toMillis(), state, ++sequence, null, null});
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
        rows.variables.add(new Object[] {id(), PROCESS_KEY, definition.id(), processInstanceId, processInstanceId,
                processInstanceId, processInstanceId, name, "string", created, 0, value, "CREATED", null});
    }

    private Object[] operation(String taskId, String jobId, String type, String entity, String property, String before,
                               String after, String category, String user) {
        return operationAt(now, taskId, jobId, type, entity, property, before, after, category, user);
    }

    private Object[] operationAt(Instant at, String taskId, String jobId, String type, String entity, String property,
                                 String before, String after, String category, String user) {
        return new Object[] {id(), definition.deploymentId(), instanceDefinitionId, instanceKey, processInstanceId,
                instanceId, taskId, jobId, user, at, type, id(), entity, property, before, after, category, null};
    }

    private String taskName(String name) {
        return name + " — " + request.specialtyDisplay() + ", " + priority().words();
    }

    private int taskPriority() {
        return priority().taskPriority();
    }

    private Duration dueWithin() {
        return priority().taskDueWithin();
    }

    /** Coordinators work two-week-wait referrals first. */
    private Duration byPriority(Duration routine) {
        return priority().workedWithin(routine);
    }

    private Priority priority() {
        return Priority.valueOf(request.priority());
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
