package org.ersreferral.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.ersreferral.ers.ErsOperation;
import org.ersreferral.process.ErsReferralStatus;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.NhsNumber;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.referral.ReferralRecord;
import org.ersreferral.referral.ReferralRecordRepository;
import org.ersreferral.security.Organisations;
import org.springframework.stereotype.Component;

/**
 * Everything that happened to one referral, in time order: the engine's steps and user tasks (with
 * who completed them), each e-RS call (also those of attempts that rolled back), incidents and
 * who resolved them, whom its e-RS calls act as whenever that changes, and the outcome; then, once sent, what
 * its follow-up ({@code ers-referral-follow-up}, same business key and organisation) did and every e-RS state it saw. What happened inside an e-RS step's {@code ers-step}
 * instance is the referral's too: its coordinator tasks, the e-RS problems caught and a give-up
 * appear under their own ids and names, said with the step's name; its failed call and incident
 * under the step's id. Its routine parts (start, the call itself, joins, the normal end) add nothing
 * and are left out.
 */
@Component
class ReferralTimeline {

    private final ReferralRecordRepository referrals;
    private final ErsCallRecordRepository calls;
    private final HistoryService historyService;
    private final Organisations organisations;
    private final ErsStateRecordRepository ersStatesSeen;

    ReferralTimeline(ReferralRecordRepository referrals, ErsCallRecordRepository calls, HistoryService historyService,
                     Organisations organisations, ErsStateRecordRepository ersStatesSeen) {
        this.ersStatesSeen = ersStatesSeen;
        this.organisations = organisations;
        this.referrals = referrals;
        this.calls = calls;
        this.historyService = historyService;
    }

    record Timeline(String requestId, String processInstanceId, String ubrn, String nhsNumber, String specialty,
                    String priority, String status, String outcome, Instant requestedAt, Instant completedAt,
                    List<Entry> entries) {
    }

    sealed interface Entry permits Step, UserTask, ErsCall, Incident, ActingUser, OutcomeReached, ErsState {
        Instant time();

        String type();
    }

    record Step(Instant time, String type, String activityId, String name, Instant endTime, Long durationMs) implements Entry {
    }

    record UserTask(Instant time, String type, String activityId, String name, Instant endTime, Long durationMs,
                    String completedBy) implements Entry {
    }

    record ErsCall(Instant time, String type, String activityId, String operation, String name, String correlationId,
                   String method, int httpStatus, long durationMs, int attempt, String failure) implements Entry {
    }

    record Incident(Instant time, String type, String activityId, String name, String incidentType, String message,
                    String state, Instant endTime, String resolvedBy) implements Entry {
    }

    record OutcomeReached(Instant time, String type, String outcome, String name) implements Entry {
    }

    /**
     * A state e-RS had the referral in, as its follow-up saw it ({@code activityId}: where), in words; with e-RS's reason
     * and the provider's comments (clinical text) when there are any.
     */
    record ErsState(Instant time, String type, String activityId, String status, String name, String reasonCode,
                    String reason, String comments, String worklist, String ersLastUpdated) implements Entry {
    }

    /** From here on the referral's e-RS calls act as this person (their Camunda user id, as "completed by" shows it). */
    record ActingUser(Instant time, String type, String userId, String name) implements Entry {
    }

    /** Empty also when the referral is not of one of the user's organisations (admins see all). */
    Optional<Timeline> of(String requestId, String userId) {
        return referrals.findByRequestId(requestId)
                .filter(referral -> organisations.mayRead(userId, referral.getOrganisation()))
                .map(this::timeline);
    }

    private Timeline timeline(ReferralRecord referral) {
        String instance = referral.getProcessInstanceId();
        // Added in engine order within each kind; the stable sort by time below keeps that order for ties.
        List<Entry> entries = new ArrayList<>();
        addInstance(entries, instance);
        String organisation = organisations.orDefault(referral.getOrganisation());
        for (HistoricProcessInstance followUp : historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(FollowUp.PROCESS_KEY).processInstanceBusinessKey(referral.getRequestId())
                .orderByProcessInstanceStartTime().asc().list()) {
            // The follow-up of this referral: its business key, in its organisation.
            if (organisation.equals(organisations.orDefault(followUp.getTenantId()))) {
                addInstance(entries, followUp.getId());
            }
        }
        entries.addAll(ersStates(referral.getRequestId(), organisation));
        entries.addAll(actingUsers(instance));
        if (referral.getOutcome() != null && referral.getCompletedAt() != null) {
            entries.add(new OutcomeReached(referral.getCompletedAt(), "OUTCOME", referral.getOutcome(),
                    Outcome.displayNameOf(referral.getOutcome())));
        }
        entries.sort(Comparator.comparing(Entry::time, Comparator.nullsLast(Comparator.naturalOrder())));

        return new Timeline(referral.getRequestId(), instance, referral.getUbrn(), maskedNhsNumber(instance),
                referral.getSpecialty(), referral.getPriority(), referral.getStatus().name(), referral.getOutcome(),
                referral.getCreatedAt(), referral.getCompletedAt(), entries);
    }

    /** One process instance's part (the referral's, or its follow-up's): its elements, e-RS steps, calls and incidents. */
    private void addInstance(List<Entry> entries, String instance) {
        List<HistoricActivityInstance> activities = historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(instance).orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc()
                .list();
        Map<String, String> activityNames = new HashMap<>();
        activities.forEach(activity -> activityNames.putIfAbsent(activity.getActivityId(), nameOf(activity)));
        // Each ers-step instance the referral called, and the step that called it.
        Map<String, HistoricActivityInstance> callers = new HashMap<>();
        activities.stream().filter(activity -> activity.getCalledProcessInstanceId() != null)
                .forEach(step -> callers.put(step.getCalledProcessInstanceId(), step));

        List<String> instances = new ArrayList<>(List.of(instance));
        instances.addAll(callers.keySet());
        Map<String, String> completedBy = new HashMap<>();
        instances.forEach(id -> completedBy.putAll(completedBy(id)));
        for (HistoricActivityInstance activity : activities) {
            add(entries, activity, nameOf(activity), completedBy);
        }
        for (Map.Entry<String, HistoricActivityInstance> called : callers.entrySet()) {
            for (HistoricActivityInstance activity : historyService.createHistoricActivityInstanceQuery()
                    .processInstanceId(called.getKey()).orderByHistoricActivityInstanceStartTime().asc()
                    .orderPartiallyByOccurrence().asc().list()) {
                if (STEP_ACTIVITIES_SHOWN.contains(activity.getActivityType())) {
                    add(entries, activity, nameOf(activity) + ": " + nameOf(called.getValue()), completedBy);
                }
            }
        }
        Map<String, Integer> attempts = new HashMap<>();
        for (ErsCallRecord call : calls.findByProcessInstanceIdOrderByStartedAtAscIdAsc(instance)) {
            int attempt = attempts.merge(call.getStep() + " " + call.getOperation(), 1, Integer::sum);
            entries.add(new ErsCall(call.getStartedAt(), "ERS_CALL", call.getStep(), call.getOperation(),
                    ErsOperation.displayNameOf(call.getOperation()), call.getCorrelationId(), call.getMethod(), call.getStatus(),
                    call.getDurationMs(), attempt, call.getFailure()));
        }
        for (String id : instances) {
            for (HistoricIncident incident : historyService.createHistoricIncidentQuery().processInstanceId(id)
                    .orderByCreateTime().asc().list()) {
                if (!incident.getId().equals(incident.getRootCauseIncidentId())) {
                    // The referral's copy of an incident in an ers-step instance: that one is shown.
                    continue;
                }
                HistoricActivityInstance step = callers.get(id);
                String activityId = step == null ? incident.getActivityId() : step.getActivityId();
                entries.add(new Incident(instant(incident.getCreateTime()), "INCIDENT", activityId,
                        activityNames.getOrDefault(activityId, activityId), incident.getIncidentType(),
                        incident.getIncidentMessage(), state(incident), instant(incident.getEndTime()), resolvedBy(incident)));
            }
        }
    }

    /** Every e-RS state the referral's follow-up saw, in words, with e-RS's reason and the provider's comments. */
    private List<ErsState> ersStates(String requestId, String organisation) {
        return ersStatesSeen.findByBusinessKeyInOrderBySeenAtAscIdAsc(List.of(requestId)).stream()
                .filter(row -> organisation.equals(organisations.orDefault(row.getOrganisation())))
                .map(row -> new ErsState(row.getSeenAt(), "ERS_STATE", row.getSeenBy(), row.getStatus(),
                        "e-RS: " + ErsReferralStatus.words(row.getStatus()), row.getReasonCode(), row.getReasonDisplay(),
                        row.getComments(), row.getWorklist(), row.getLastUpdated()))
                .toList();
    }

    /** What an ers-step instance adds to a referral's timeline: coordinator tasks, e-RS problems caught, a give-up. */
    static final Set<String> STEP_ACTIVITIES_SHOWN = Set.of("userTask", "boundaryError", "errorEndEvent");

    private static void add(List<Entry> entries, HistoricActivityInstance activity, String name, Map<String, String> completedBy) {
        if ("userTask".equals(activity.getActivityType())) {
            entries.add(new UserTask(instant(activity.getStartTime()), "USER_TASK", activity.getActivityId(), name,
                    instant(activity.getEndTime()), activity.getDurationInMillis(), completedBy.get(activity.getTaskId())));
        } else {
            entries.add(new Step(instant(activity.getStartTime()), "ACTIVITY", activity.getActivityId(), name,
                    instant(activity.getEndTime()), activity.getDurationInMillis()));
        }
    }

    /** Each time the person the referral acts as changed: the start and the tasks that handed it to someone else. */
    private List<ActingUser> actingUsers(String instance) {
        List<ActingUser> changes = new ArrayList<>();
        for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName(ReferralVariables.ACTING_USER.name()).disableCustomObjectDeserialization().list()) {
            String previous = null;
            for (HistoricDetail detail : historyService.createHistoricDetailQuery().variableInstanceId(variable.getId())
                    .variableUpdates().disableCustomObjectDeserialization().orderByTime().asc().orderPartiallyByOccurrence().asc()
                    .list()) {
                if (detail instanceof HistoricVariableUpdate update && update.getValue() instanceof String userId
                        && !userId.equals(previous)) {
                    changes.add(new ActingUser(instant(update.getTime()), "ACTING_USER", userId, "e-RS calls act as " + userId));
                    previous = userId;
                }
            }
        }
        return changes;
    }

    private String maskedNhsNumber(String instance) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName(ReferralVariables.NHS_NUMBER.name()).disableCustomObjectDeserialization().list().stream()
                .map(HistoricVariableInstance::getValue).filter(String.class::isInstance).map(String.class::cast)
                .findFirst().map(NhsNumber::maskShowingLastFour).orElse(null);
    }

    /** Task id to the user who completed it: the operation log when someone signed in did it, else the assignee. */
    private Map<String, String> completedBy(String instance) {
        Map<String, String> users = new HashMap<>();
        for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery().processInstanceId(instance).list()) {
            if (task.getAssignee() != null) {
                users.put(task.getId(), task.getAssignee());
            }
        }
        for (UserOperationLogEntry completion : historyService.createUserOperationLogQuery().processInstanceId(instance)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list()) {
            if (completion.getTaskId() != null && completion.getUserId() != null) {
                users.put(completion.getTaskId(), completion.getUserId());
            }
        }
        return users;
    }

    /** Who gave the failed job new retries, the act that resolves its incident; null for other ends. */
    private String resolvedBy(HistoricIncident incident) {
        if (!incident.isResolved() || incident.getConfiguration() == null) {
            return null;
        }
        Date resolvedAt = incident.getEndTime();
        return historyService.createUserOperationLogQuery().jobId(incident.getConfiguration())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_SET_JOB_RETRIES).orderByTimestamp().desc().list().stream()
                .filter(entry -> entry.getUserId() != null)
                .filter(entry -> resolvedAt == null || !entry.getTimestamp().after(new Date(resolvedAt.getTime() + 1_000)))
                .map(UserOperationLogEntry::getUserId).findFirst().orElse(null);
    }

    private static String state(HistoricIncident incident) {
        if (incident.isOpen()) {
            return "OPEN";
        }
        return incident.isResolved() ? "RESOLVED" : "DELETED";
    }

    private static String nameOf(HistoricActivityInstance activity) {
        return activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
