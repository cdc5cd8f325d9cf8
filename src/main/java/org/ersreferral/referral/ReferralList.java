package org.ersreferral.referral;

import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.history.ErsStatesSeen;
import org.ersreferral.process.NhsNumber;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.Outcome;
import org.ersreferral.process.Priority;
import org.ersreferral.process.ReferralCodes;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.Ubrn;
import org.ersreferral.security.Organisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;

/**
 * The referrals of the caller's organisations, newest first, for the coordinators' "My referrals"
 * page: each with its patient, where it stands (its open tasks, with their ids) and what can be done
 * with it, every code in words. The records hold no patient identifiers; the NHS number and the
 * patient's name are read from the referrals' variables, a page at a time.
 */
@Service
public class ReferralList {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;
    public static final int MAX_QUERY = 100;
    /** Filter values of {@code status}. */
    public static final String OPEN = "open";
    public static final String FINISHED = "finished";

    /** The patient's name from e-RS demographics, when known: a String process variable set while the referral runs. */


    private static final Logger LOG = LoggerFactory.getLogger(ReferralList.class);
    private static final ErsCall CALL = new ErsCall("referral-list", "referral-list");
    /** How many referrals one NHS number may match in a search; a patient has far fewer. */
    private static final int MAX_PATIENT_MATCHES = 500;

    private final ReferralRecordSearch records;
    private final Organisations organisations;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final ErsClient ers;
    private final ErsStatesSeen ersStatesSeen;

    ReferralList(ReferralRecordSearch records, Organisations organisations, RuntimeService runtimeService,
                 TaskService taskService, HistoryService historyService, ErsClient ers, ErsStatesSeen ersStatesSeen) {
        this.ersStatesSeen = ersStatesSeen;
        this.records = records;
        this.organisations = organisations;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.ers = ers;
    }

    /** What the caller asked for; each problem names the parameter. */
    public record Filter(String status, String q, int page, int size) {

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (status != null && !status.isBlank() && !OPEN.equals(status) && !FINISHED.equals(status)) {
                problems.add("status must be '" + OPEN + "' or '" + FINISHED + "' (or left out for both)");
            }
            if (q != null && q.length() > MAX_QUERY) {
                problems.add("q is longer than " + MAX_QUERY + " characters");
            }
            if (q != null && q.chars().anyMatch(Character::isISOControl)) {
                problems.add("q must not contain control characters (line breaks, tabs)");
            }
            if (page < 1) {
                problems.add("page must be 1 or more");
            }
            if (size < 1 || size > MAX_SIZE) {
                problems.add("size must be between 1 and " + MAX_SIZE);
            }
            return problems;
        }
    }

    /** The page of referrals {@code userId} may see; an admin sees every organisation's. */
    public ReferralRow.Page list(String userId, Filter filter) {
        List<String> problems = filter.problems();
        if (!problems.isEmpty()) {
            throw new InvalidReferralRequest("Referrals not listed: ", problems);
        }
        Optional<Set<String>> visible = organisations.visibleTo(userId);
        if (visible.isPresent() && visible.get().isEmpty()) {
            return new ReferralRow.Page(List.of(), filter.page(), filter.size(), false);
        }
        Specification<ReferralRecord> where = inOrganisations(visible).and(withStatus(filter.status()))
                .and(matching(filter.q(), patientReferrals(filter.q(), visible)));
        Page<ReferralRecord> found = records.findAll(where, PageRequest.of(filter.page() - 1, filter.size(),
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"))));
        return new ReferralRow.Page(rows(found.getContent()), filter.page(), filter.size(), found.hasNext());
    }

    private Specification<ReferralRecord> inOrganisations(Optional<Set<String>> visible) {
        return (root, query, cb) -> {
            if (visible.isEmpty()) {
                return cb.conjunction();
            }
            Predicate member = root.get("organisation").in(visible.get());
            // Records made before organisations were kept belong to the default organisation.
            return visible.get().contains(organisations.defaultOrganisation())
                    ? cb.or(member, cb.isNull(root.get("organisation"))) : member;
        };
    }

    private static Specification<ReferralRecord> withStatus(String status) {
        return (root, query, cb) -> {
            if (OPEN.equals(status)) {
                return cb.equal(root.get("status"), ReferralRecord.Status.ACTIVE.name());
            }
            if (FINISHED.equals(status)) {
                return cb.equal(root.get("status"), ReferralRecord.Status.COMPLETED.name());
            }
            return cb.conjunction();
        };
    }

    /**
     * The start of the request id, the UBRN (grouped or not), or the whole NHS number (grouped or not).
     * NHS numbers are not in the records: the referrals holding that number are found in the
     * engine's history, within the caller's organisations.
     */
    private static Specification<ReferralRecord> matching(String q, Set<String> patientReferrals) {
        return (root, query, cb) -> {
            if (q == null || q.isBlank()) {
                return cb.conjunction();
            }
            String text = q.trim();
            String digits = text.replaceAll("[\\s-]", "");
            List<Predicate> any = new ArrayList<>();
            any.add(cb.like(cb.lower(root.get("requestId")), likeStart(text.toLowerCase(Locale.ROOT)), '\\'));
            if (digits.matches("\\d{1,12}")) {
                any.add(cb.like(root.get("ubrn"), likeStart(digits), '\\'));
            }
            if (!patientReferrals.isEmpty()) {
                any.add(root.get("processInstanceId").in(patientReferrals));
            }
            return cb.or(any.toArray(Predicate[]::new));
        };
    }

    /** The instances of referrals for the NHS number {@code q} is (with or without spaces); none when it is no NHS number. */
    private Set<String> patientReferrals(String q, Optional<Set<String>> visible) {
        String nhsNumber = q == null ? "" : NhsNumber.normalise(q.trim());
        if (!nhsNumber.matches("\\d{10}")) {
            return Set.of();
        }
        var query = historyService.createHistoricVariableInstanceQuery()
                .variableValueEquals(ReferralVariables.NHS_NUMBER.name(), nhsNumber);
        visible.ifPresent(tenants -> query.tenantIdIn(tenants.toArray(String[]::new)));
        return query.disableBinaryFetching().listPage(0, MAX_PATIENT_MATCHES).stream()
                .map(HistoricVariableInstance::getProcessInstanceId).collect(Collectors.toSet());
    }

    private static String likeStart(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private List<ReferralRow> rows(List<ReferralRecord> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        Set<String> instances = page.stream().map(ReferralRecord::getProcessInstanceId).filter(id -> id != null)
                .collect(Collectors.toSet());
        Map<String, Map<String, HistoricVariableInstance>> variables = variables(instances);
        Set<String> activeInstances = page.stream().filter(r -> r.getStatus() == ReferralRecord.Status.ACTIVE)
                .map(ReferralRecord::getProcessInstanceId).filter(id -> id != null).collect(Collectors.toSet());
        Set<String> running = activeInstances.isEmpty() ? Set.of() : runtimeService.createProcessInstanceQuery()
                .processInstanceIds(activeInstances).list().stream().map(ProcessInstance::getId).collect(Collectors.toSet());
        Set<String> stopped = stopped(activeInstances, running);
        Map<String, List<Task>> tasks = openTasks(page, running);
        Map<String, String> organisationByRequestId = page.stream().collect(Collectors.toMap(ReferralRecord::getRequestId,
                record -> organisations.orDefault(record.getOrganisation())));
        Map<String, ErsStatesSeen.Latest> ersStates = ersStatesSeen.latestOf(organisationByRequestId);
        Map<String, List<Task>> followUpTasks = followUpTasks(page, running, organisationByRequestId);
        CodeSystemView specialties = specialties().orElse(null);
        List<ReferralRow> rows = new ArrayList<>();
        for (ReferralRecord record : page) {
            String instance = record.getProcessInstanceId();
            rows.add(row(record, variables.getOrDefault(instance, Map.of()), running.contains(instance),
                    stopped.contains(instance), tasks.getOrDefault(record.getRequestId(), List.of()), specialties,
                    ersStates.get(record.getRequestId()), followUpTasks.getOrDefault(record.getRequestId(), List.of())));
        }
        return rows;
    }

    private ReferralRow row(ReferralRecord record, Map<String, HistoricVariableInstance> variables, boolean running,
                            boolean stopped, List<Task> tasks, CodeSystemView specialties, ErsStatesSeen.Latest ersState,
                            List<Task> followUpTasks) {
        String nhsNumber = text(variables.get(ReferralVariables.NHS_NUMBER.name()));
        String name = text(variables.get(ReferralVariables.PATIENT_NAME.name()));
        ReferralRow.Patient patient = nhsNumber == null && name == null ? null
                : new ReferralRow.Patient(nhsNumber == null ? null : NhsNumber.grouped(nhsNumber), blankToNull(name));
        List<ReferralRow.Step> steps = new ArrayList<>();
        if (running) {
            tasks.stream().map(task -> new ReferralRow.Step(task.getName(), task.getId(), task.getAssignee())).forEach(steps::add);
            if (steps.isEmpty() && record.getCurrentStep() != null) {
                // The application is at work (an e-RS call): the step it is at, no task to open.
                steps.add(new ReferralRow.Step(record.getCurrentStep(), null, null));
            }
        }
        followUpTasks.stream().map(task -> new ReferralRow.Step(task.getName(), task.getId(), task.getAssignee())).forEach(steps::add);
        boolean completed = record.getStatus() == ReferralRecord.Status.COMPLETED;
        String statusText = completed ? "Finished" : stopped ? "Stopped" : "In progress";
        String letter = variables.containsKey(ReferralVariables.PATIENT_LETTER.name())
                ? "/api/referrals/" + record.getRequestId() + "/patient-letter" : null;
        Priority priority = priority(record.getPriority());
        return new ReferralRow(record.getRequestId(), patient, Ubrn.grouped(record.getUbrn()),
                specialtyName(record.getSpecialty(), specialties), record.getSpecialty(),
                priority == null ? record.getPriority() : priority.displayName(), record.getPriority(),
                record.getStatus().name(), statusText, steps,
                record.getOutcome() == null ? null : Outcome.displayNameOf(record.getOutcome()), record.getOutcome(),
                record.getCreatedAt(), record.getCompletedAt(), letter,
                running ? cancellable(record.getProcessInstanceId()) : followUpCancellable(record),
                organisations.orDefault(record.getOrganisation()), ersState == null ? null : ersState.words(),
                ersState == null ? null : ersState.status(), !followUpTasks.isEmpty());
    }

    /**
     * Open tasks of the sent referrals' follow-ups (and of the e-RS steps they call), by request id: once a referral's
     * own instance has ended, a task with its business key in its organisation is its follow-up's.
     */
    private Map<String, List<Task>> followUpTasks(List<ReferralRecord> page, Set<String> running,
                                                  Map<String, String> organisationByRequestId) {
        Map<String, List<Task>> tasks = new HashMap<>();
        String[] sent = page.stream().filter(record -> !running.contains(record.getProcessInstanceId()))
                .map(ReferralRecord::getRequestId).toArray(String[]::new);
        if (sent.length == 0) {
            return tasks;
        }
        List<Task> open = taskService.createTaskQuery().processInstanceBusinessKeyIn(sent).active()
                .orderByTaskCreateTime().asc().list();
        if (open.isEmpty()) {
            return tasks;
        }
        Map<String, String> businessKeys = runtimeService.createProcessInstanceQuery()
                .processInstanceIds(open.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet())).list().stream()
                .filter(p -> p.getBusinessKey() != null)
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        for (Task task : open) {
            String requestId = businessKeys.get(task.getProcessInstanceId());
            if (requestId != null && organisationByRequestId.get(requestId).equals(organisations.orDefault(task.getTenantId()))) {
                tasks.computeIfAbsent(requestId, k -> new ArrayList<>()).add(task);
            }
        }
        return tasks;
    }

    /** Per instance, its own variables of interest (not those of the e-RS steps or tasks it called). */
    private Map<String, Map<String, HistoricVariableInstance>> variables(Collection<String> instances) {
        Map<String, Map<String, HistoricVariableInstance>> byInstance = new HashMap<>();
        if (instances.isEmpty()) {
            return byInstance;
        }
        historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(instances.toArray(String[]::new))
                .variableNameIn(ReferralVariables.NHS_NUMBER.name(), ReferralVariables.PATIENT_NAME.name(), ReferralVariables.PATIENT_LETTER.name())
                .disableBinaryFetching().disableCustomObjectDeserialization().list().stream()
                .filter(v -> v.getProcessInstanceId().equals(v.getExecutionId()) || v.getProcessInstanceId().equals(v.getActivityInstanceId()))
                .forEach(v -> byInstance.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v));
        return byInstance;
    }

    /** Instances the records call active that ended without the application's listeners (deleted by an administrator). */
    private Set<String> stopped(Set<String> active, Set<String> running) {
        Set<String> gone = new HashSet<>(active);
        gone.removeAll(running);
        if (gone.isEmpty()) {
            return Set.of();
        }
        return historyService.createHistoricProcessInstanceQuery().processInstanceIds(gone).list().stream()
                .filter(p -> p.getEndTime() != null).map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    }

    /**
     * Open tasks by request id: the referral's own and those of the e-RS steps it called (which carry
     * its business key), kept to the referral's organisation.
     */
    private Map<String, List<Task>> openTasks(List<ReferralRecord> page, Set<String> running) {
        Map<String, ReferralRecord> byRequestId = page.stream().filter(r -> running.contains(r.getProcessInstanceId()))
                .collect(Collectors.toMap(ReferralRecord::getRequestId, r -> r));
        Map<String, List<Task>> tasks = new HashMap<>();
        if (byRequestId.isEmpty()) {
            return tasks;
        }
        List<Task> open = taskService.createTaskQuery().processInstanceBusinessKeyIn(byRequestId.keySet().toArray(String[]::new))
                .active().orderByTaskCreateTime().asc().list();
        Set<String> instanceIds = open.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, String> businessKeys = instanceIds.isEmpty() ? Map.of() : runtimeService.createProcessInstanceQuery()
                .processInstanceIds(instanceIds).list().stream()
                .filter(p -> p.getBusinessKey() != null)
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        for (Task task : open) {
            String requestId = businessKeys.get(task.getProcessInstanceId());
            ReferralRecord record = requestId == null ? null : byRequestId.get(requestId);
            if (record != null && organisations.orDefault(record.getOrganisation()).equals(organisations.orDefault(task.getTenantId()))) {
                tasks.computeIfAbsent(requestId, k -> new ArrayList<>()).add(task);
            }
        }
        return tasks;
    }

    /** A sent referral is cancelled through its follow-up, while that still takes the cancellation. */
    private boolean followUpCancellable(ReferralRecord record) {
        if (record.getStatus() != ReferralRecord.Status.COMPLETED) {
            return false;
        }
        ProcessInstance followUp = runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                .processInstanceBusinessKey(record.getRequestId()).tenantIdIn(organisations.orDefault(record.getOrganisation()))
                .singleResult();
        return followUp != null && cancellable(followUp.getId());
    }

    /** Whether the cancellation message would be taken: not once cancelling (or giving up) has begun. */
    private boolean cancellable(String processInstanceId) {
        return runtimeService.createEventSubscriptionQuery().processInstanceId(processInstanceId)
                .eventType("message").eventName(ReferralProcess.MESSAGE_CANCEL_REFERRAL).count() > 0;
    }

    /** e-RS's specialty names (A004, cached); empty when e-RS cannot be asked. */
    private Optional<CodeSystemView> specialties() {
        try {
            return Optional.of(ers.retrieveCodeSystem(CALL, ReferralCodes.SPECIALTY));
        } catch (RuntimeException e) {
            LOG.warn("e-RS reference data {} unavailable, specialties named from their codes: {}", ReferralCodes.SPECIALTY, e.getMessage());
            return Optional.empty();
        }
    }

    /** e-RS's name of the specialty; a code e-RS does not name now (or could not be asked about) in plain words, "PAIN_MANAGEMENT" as "Pain management". */
    static String specialtyName(String code, CodeSystemView specialties) {
        if (code == null) {
            return null;
        }
        if (specialties != null && specialties.contains(code)) {
            return specialties.display(code);
        }
        String words = code.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? code : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static Priority priority(String code) {
        return code != null && Priority.isKnown(code) ? Priority.valueOf(code) : null;
    }

    private static String text(HistoricVariableInstance variable) {
        return variable != null && variable.getValue() instanceof String value ? value : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
