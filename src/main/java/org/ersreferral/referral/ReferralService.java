package org.ersreferral.referral;

import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.ersreferral.process.FormFields;
import org.ersreferral.process.ReferralCodes;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralProcess;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.StartInput;
import org.ersreferral.security.Organisations;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts referrals for GP systems, idempotently on the caller's request id, and reports where
 * they stand. The unique request id on {@link ReferralRecord} settles concurrent repeats: the
 * loser's transaction rolls back and it answers with the winner's referral.
 */
@Service
public class ReferralService {

    private static final int SETTLE_ATTEMPTS = 50;
    private static final Duration SETTLE_PAUSE = Duration.ofMillis(100);

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final HistoryService historyService;
    private final IdentityService identityService;
    private final ReferralRecordRepository records;
    private final TransactionTemplate transactions;
    private final Organisations organisations;
    private final ReferralCodes codes;

    ReferralService(RuntimeService runtimeService, RepositoryService repositoryService, HistoryService historyService,
                    IdentityService identityService, ReferralRecordRepository records, TransactionTemplate transactions,
                    Organisations organisations, ReferralCodes codes) {
        this.organisations = organisations;
        this.codes = codes;
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.historyService = historyService;
        this.identityService = identityService;
        this.records = records;
        this.transactions = transactions;
    }

    /** The outcome of a start: the referral, and whether this call started it. */
    public record Started(ReferralView referral, boolean created) {
    }

    /**
     * Starts the referral in the caller's organisation (see {@link Organisations#toStartIn}), or
     * answers with the one this request id started before in that organisation.
     *
     * @throws Organisations.OrganisationNotChosen when the caller's organisation cannot be told
     * @throws RequestIdInUse when another organisation's referral has this request id
     */
    public Started start(StartReferralRequest request, String userId) {
        List<String> problems = problems(request);
        if (problems.isEmpty()) {
            problems = codes.startProblems(request.specialty(), request.clinicType());
        }
        if (!problems.isEmpty()) {
            throw new InvalidReferralRequest(problems);
        }
        String organisation = organisations.toStartIn(userId, request.organisation());
        Optional<ReferralView> existing = find(request.requestId());
        if (existing.isPresent()) {
            return new Started(sameOrganisation(existing.get(), organisation), false);
        }
        try {
            transactions.executeWithoutResult(tx -> startInstance(request, userId, organisation));
            return new Started(find(request.requestId()).orElseThrow(), true);
        } catch (DuplicateReferralException raced) {
            return new Started(sameOrganisation(awaitExisting(request.requestId()), organisation), false);
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return new Started(sameOrganisation(awaitExisting(request.requestId()), organisation), false);
            }
            throw e;
        }
    }

    /** Request ids are unique across organisations; another's referral is neither shown nor named. */
    private ReferralView sameOrganisation(ReferralView existing, String organisation) {
        if (!organisation.equals(existing.organisation())) {
            throw new RequestIdInUse();
        }
        return existing;
    }

    /** Any organisation's referral: for the application itself, not for answering a user. */
    public Optional<ReferralView> find(String requestId) {
        return records.findByRequestId(requestId).map(this::view);
    }

    /** The referral if {@code userId} may see it (a member of its organisation, or an admin); else as if there were none. */
    public Optional<ReferralView> findFor(String requestId, String userId) {
        return records.findByRequestId(requestId)
                .filter(record -> organisations.mayRead(userId, record.getOrganisation()))
                .map(this::view);
    }

    /**
     * Cancels a referral via the cancellation event of the process that has it now: the referral's own
     * while it is being sent, its follow-up once it was sent; false when neither is running.
     */
    public boolean cancel(String requestId, String reason, String comment) {
        Optional<ReferralRecord> record = records.findByRequestId(requestId);
        if (record.isEmpty()) {
            return false;
        }
        String instance = record.get().getStatus() == ReferralRecord.Status.COMPLETED ? followUpOf(record.get())
                : record.get().getProcessInstanceId();
        if (instance == null) {
            return false;
        }
        Map<String, Object> variables = new HashMap<>();
        if (reason != null && !reason.isBlank()) {
            variables.put(ReferralVariables.CANCELLATION_REASON.name(), reason);
        }
        if (comment != null && !comment.isBlank()) {
            variables.put(ReferralVariables.CANCELLATION_COMMENT.name(), comment);
        }
        runtimeService.createMessageCorrelation(ReferralProcess.MESSAGE_CANCEL_REFERRAL)
                .processInstanceId(instance).setVariables(variables).correlate();
        return true;
    }

    /**
     * The patient asked to change their booked appointment: the follow-up cancels it in e-RS (A034) and a
     * coordinator books again. False when the referral has no follow-up; a follow-up not waiting with a
     * booked appointment refuses the message (MismatchingMessageCorrelationException).
     */
    public boolean changeAppointment(String requestId, String reason, String comment) {
        Optional<ReferralRecord> record = records.findByRequestId(requestId);
        String followUp = record.isPresent() && record.get().getStatus() == ReferralRecord.Status.COMPLETED
                ? followUpOf(record.get()) : null;
        if (followUp == null) {
            return false;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(FollowUp.APPOINTMENT_CANCELLATION_REASON.name(), reason.trim());
        variables.put(FollowUp.APPOINTMENT_CANCELLATION_COMMENT.name(), comment == null || comment.isBlank() ? null : comment);
        runtimeService.createMessageCorrelation(FollowUp.MESSAGE_CHANGE_APPOINTMENT).processInstanceId(followUp)
                .setVariables(variables).correlate();
        return true;
    }

    /** Problems with an appointment change's reason and comment; empty when acceptable. */
    List<String> appointmentChangeProblems(String reason, String comment) {
        return problems(codes.appointmentCancellationReasonProblem(reason), comment);
    }

    /** The running follow-up of a sent referral, in its organisation; null when it has none (any more). */
    private String followUpOf(ReferralRecord record) {
        ProcessInstance followUp = runtimeService.createProcessInstanceQuery().processDefinitionKey(FollowUp.PROCESS_KEY)
                .processInstanceBusinessKey(record.getRequestId()).tenantIdIn(organisations.orDefault(record.getOrganisation()))
                .singleResult();
        return followUp == null ? null : followUp.getId();
    }

    private void startInstance(StartReferralRequest request, String userId, String organisation) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ReferralVariables.NHS_NUMBER.name(), request.nhsNumber());
        if (request.patientName() != null && !request.patientName().isBlank()) {
            variables.put(ReferralVariables.PATIENT_NAME.name(), request.patientName().trim());
        }
        variables.put(ReferralVariables.PRIORITY.name(), request.priority());
        variables.put(ReferralVariables.SPECIALTY.name(), request.specialty());
        variables.put(ReferralVariables.CLINIC_TYPE.name(), request.clinicType());
        variables.put(ReferralVariables.CLINICAL_TERM.name(), request.clinicalTerm());
        variables.put(ReferralVariables.NAMED_CLINICIAN.name(), request.namedClinician());
        variables.put(ReferralVariables.POSTCODE.name(), request.postcode());
        variables.put(ReferralVariables.PATIENT_LETTER_TASK.name(), Boolean.TRUE.equals(request.patientLetterTask()));
        // The starter's identity goes into history as the instance's start user; their one chosen
        // organisation becomes the instance's tenant (OrganisationTenantIds).
        List<String> groups = organisations.groupsOf(userId);
        identityService.setAuthentication(userId, groups, userId == null ? List.of() : List.of(organisation));
        try {
            ProcessInstance instance = runtimeService.startProcessInstanceByKey(ReferralProcess.PROCESS_KEY, request.requestId(), variables);
            instance.getId();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private ReferralView awaitExisting(String requestId) {
        for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
            Optional<ReferralView> existing = find(requestId);
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                Thread.sleep(SETTLE_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Referral " + requestId + " was being started by another request that did not finish");
    }

    private ReferralView view(ReferralRecord record) {
        List<String> steps = new ArrayList<>();
        boolean running = record.getStatus() == ReferralRecord.Status.ACTIVE
                && runtimeService.createProcessInstanceQuery().processInstanceId(record.getProcessInstanceId()).count() > 0;
        if (running) {
            String definitionId = runtimeService.createProcessInstanceQuery().processInstanceId(record.getProcessInstanceId())
                    .singleResult().getProcessDefinitionId();
            var model = repositoryService.getBpmnModelInstance(definitionId);
            for (String activityId : runtimeService.getActiveActivityIds(record.getProcessInstanceId())) {
                FlowElement element = model.getModelElementById(activityId);
                steps.add(element != null && element.getName() != null ? element.getName() : activityId);
            }
        }
        String letter = null;
        HistoricVariableInstance letterVariable = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(record.getProcessInstanceId()).variableName(ReferralVariables.PATIENT_LETTER.name())
                .disableBinaryFetching().singleResult();
        if (letterVariable != null) {
            letter = "/api/referrals/" + record.getRequestId() + "/patient-letter";
        }
        return new ReferralView(record.getRequestId(), record.getProcessInstanceId(), record.getStatus().name(), record.getUbrn(),
                steps, record.getOutcome(), record.getSpecialty(), record.getPriority(), record.getCreatedAt(),
                record.getCompletedAt(), letter, organisations.orDefault(record.getOrganisation()));
    }

    static List<String> problems(StartReferralRequest request) {
        List<String> problems = new ArrayList<>();
        String requestIdProblem = StartInput.requestIdProblem(request.requestId(), false);
        if (requestIdProblem != null) {
            problems.add(requestIdProblem);
        }
        problems.addAll(StartInput.problems(request.nhsNumber(), request.priority(), request.specialty(), request.clinicType(),
                request.clinicalTerm(), request.namedClinician(), request.postcode(), true));
        String patientNameProblem = StartInput.patientNameProblem(request.patientName());
        if (patientNameProblem != null) {
            problems.add(patientNameProblem);
        }
        return problems;
    }

    /** Problems with a cancellation's reason and comment; empty when acceptable. */
    List<String> cancellationProblems(String reason, String comment) {
        return problems(codes.cancellationReasonProblem(reason), comment);
    }

    /** A reason's problem (null: none) and the comment's length, as a request's problems. */
    private static List<String> problems(String reasonProblem, String comment) {
        List<String> problems = new ArrayList<>();
        if (reasonProblem != null) {
            problems.add(reasonProblem);
        }
        if (comment != null && comment.length() > FormFields.MAX_COMMENT) {
            problems.add("comment is longer than " + FormFields.MAX_COMMENT + " characters");
        }
        return problems;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DuplicateReferralException || t instanceof DataIntegrityViolationException
                    || t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
