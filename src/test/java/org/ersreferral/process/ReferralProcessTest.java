package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.ersreferral.process.ReferralProcess.*;
import static org.ersreferral.process.ScriptedErs.*;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every path through {@code ers-referral} and the {@code ers-step} it calls for each e-RS call: one
 * test per end event and per error route, with the e-RS delegates scripted. Coverage of the whole
 * class is measured over both processes and must reach every flow node and every sequence flow.
 */
@Deployment(resources = {"bpmn/ers-referral.bpmn", "bpmn/ers-step.bpmn"})
class ReferralProcessTest {

    /** Not camunda.cfg.xml: ProcessEngines would find that name on the classpath and shadow the application's engine. */
    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .assertClassCoverageAtLeast(1.0).build();

    ProcessEngine processEngine;
    ScriptedErs ers = new ScriptedErs();
    Map<String, Map<String, Object>> answers = new HashMap<>();

    /** People start and work referrals here unless a test says otherwise; GP systems are {@link ScriptedErs#MACHINE_PREFIX}. */
    static final String COORDINATOR = "casey";
    static final String OTHER_COORDINATOR = "robin";
    static final String GP_SYSTEM = MACHINE_PREFIX + "-1";

    @BeforeEach
    void signIn() {
        processEngine.getIdentityService().setAuthentication(COORDINATOR, List.of(CANDIDATE_GROUP));
    }

    @AfterEach
    void resetMocks() {
        processEngine.getIdentityService().clearAuthentication();
        Mocks.reset();
    }

    // ---------------------------------------------------------------- outcomes

    @Test
    void booksAnAppointmentWithADirectlyBookableService() {
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE), ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-2");
        drive(referral);

        assertThat(referral).isEnded().hasPassedInOrder(TASK_ESTABLISH_ERS_CONTEXT, TASK_LOAD_REFERENCE_DATA,
                TASK_SEARCH_SERVICES, TASK_CHOOSE_SHORTLIST, TASK_CREATE_REFERRAL, TASK_ATTACH_REFERRAL_LETTER,
                TASK_RETRIEVE_SLOTS, TASK_CHOOSE_SLOT, TASK_BOOK_APPOINTMENT, TASK_GENERATE_PATIENT_LETTER,
                TASK_RETRIEVE_REFERRAL_STATE, END_APPOINTMENT_BOOKED)
                .variables().containsEntry("outcome", "BOOKED").containsEntry("ubrn", UBRN);
        assertThat(ers.calls(TASK_BOOK_APPOINTMENT)).isEqualTo(1);
        assertThat(ers.calls(TASK_DEFER_TO_PROVIDER)).isZero();
    }

    @Test
    void defersToTheProviderWhenTheServiceHasNoFreeSlot() {
        ers.freeSlots = 0;
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE), ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_DEFER_TO_PROVIDER, END_BOOKING_DEFERRED).hasNotPassed(TASK_CHOOSE_SLOT)
                .variables().containsEntry("outcome", "DEFERRED_TO_PROVIDER")
                .containsEntry("deferralReason", ReferralVariables.DEFERRAL_NO_SLOTS);
    }

    @Test
    void defersToTheProviderWhenTheCoordinatorFindsNoSuitableSlot() {
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE), ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        answer(TASK_CHOOSE_SLOT, ReferralVariables.DEFER_TO_PROVIDER.name(), true);
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_CHOOSE_SLOT, TASK_DEFER_TO_PROVIDER, END_BOOKING_DEFERRED)
                .hasNotPassed(TASK_BOOK_APPOINTMENT);
    }

    @Test
    void defersWithoutAskingWhenTheChosenSlotIsGone() {
        ers.failOnce(TASK_BOOK_APPOINTMENT, ERROR_SLOT_GONE);
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE), ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-1");
        drive(referral);

        assertThat(referral).isEnded().hasPassed("BoundaryEvent_SlotGone", TASK_DEFER_TO_PROVIDER, END_BOOKING_DEFERRED)
                .variables().containsEntry("deferralReason", ReferralVariables.DEFERRAL_SLOT_NOT_AVAILABLE);
    }

    @Test
    void defersWithoutAskingWhenTheProviderSystemDoesNotAnswer() {
        ers.failOnce(TASK_BOOK_APPOINTMENT, ERROR_PROVIDER_UNAVAILABLE);
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE), ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-1");
        drive(referral);

        assertThat(referral).isEnded().hasPassed("BoundaryEvent_ProviderUnavailable", TASK_DEFER_TO_PROVIDER, END_BOOKING_DEFERRED)
                .variables().containsEntry("deferralReason", ReferralVariables.DEFERRAL_BOOKING_ATTEMPT_PROBLEM);
    }

    @Test
    void sendsATriageReferralWithCreateThenSend() {
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(TRIAGE_SERVICE));
        drive(referral);

        assertThat(referral).isEnded().hasPassedInOrder(TASK_CREATE_REFERRAL, TASK_ATTACH_REFERRAL_LETTER, TASK_SEND_FOR_TRIAGE,
                TASK_GENERATE_PATIENT_LETTER, END_SENT_FOR_TRIAGE).hasNotPassed(TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE)
                .variables().containsEntry("outcome", "SENT_FOR_TRIAGE");
    }

    @Test
    void sendsATriageReferralWithCreateAndSendWhenConfigured() {
        ProcessInstance referral = start(true);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(TRIAGE_SERVICE));
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE, END_SENT_FOR_TRIAGE)
                .hasNotPassed(TASK_CREATE_REFERRAL, TASK_SEND_FOR_TRIAGE);
    }

    @Test
    void leavesBookingToThePatientAndUploadsEveryLetterFile() {
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE, INDIRECT_SERVICE));
        answers.put(TASK_ATTACH_REFERRAL_LETTER, Map.of("referralLetter1", pdf("letter.pdf"), "referralLetter2", pdf("results.pdf")));
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_UPLOAD_REFERRAL_LETTER, TASK_MAINTAIN_REFERRAL_LETTER,
                "Event_PatientToBookByPhone", END_AWAITING_PATIENT_BOOKING).hasNotPassed(TASK_RETRIEVE_SLOTS)
                .variables().containsEntry("outcome", "AWAITING_PATIENT_BOOKING");
        assertThat(ers.calls(TASK_UPLOAD_REFERRAL_LETTER)).isEqualTo(2);
        assertThat(ers.calls(TASK_MAINTAIN_REFERRAL_LETTER)).isEqualTo(1);
    }

    @Test
    void abandonsTheSearchWhenNothingIsFound() {
        ers.emptySearches = 1;
        ProcessInstance referral = start(false);
        answer(TASK_REFINE_SEARCH, ReferralVariables.ABANDON_SEARCH.name(), true);
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_REFINE_SEARCH, END_SEARCH_ABANDONED).hasNotPassed(TASK_CREATE_REFERRAL)
                .variables().containsEntry("outcome", "SEARCH_ABANDONED");
    }

    @Test
    void searchesAgainAfterTheCoordinatorRefinesTheSearch() {
        ers.emptySearches = 1;
        ProcessInstance referral = start(false);
        answer(TASK_REFINE_SEARCH, ReferralVariables.SPECIALTY.name(), "CARDIOLOGY", ReferralVariables.CLINIC_TYPE.name(), "HEART_FAILURE");
        answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
        drive(referral);

        assertThat(referral).isEnded().hasPassed(END_AWAITING_PATIENT_BOOKING)
                .variables().containsEntry("clinicType", "HEART_FAILURE");
        assertThat(ers.calls(TASK_SEARCH_SERVICES)).isEqualTo(2);
    }

    @Test
    void cancelsAReferralOnRequestAfterItWasCreated() {
        ProcessInstance referral = start(false);
        answers.remove(TASK_ATTACH_REFERRAL_LETTER);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE));
        drive(referral);
        assertThat(referral).isWaitingAt(TASK_ATTACH_REFERRAL_LETTER);

        runtimeService().createMessageCorrelation(MESSAGE_CANCEL_REFERRAL).processInstanceBusinessKey("request-1")
                .setVariable(ReferralVariables.CANCELLATION_REASON.name(), "RAISED_IN_ERROR").correlate();
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_CANCEL_REFERRAL, END_REFERRAL_CANCELLED)
                .variables().containsEntry("outcome", "CANCELLED").containsEntry("cancellationReason", "RAISED_IN_ERROR");
        assertThat(ers.calls(TASK_CANCEL_REFERRAL)).isEqualTo(1);
    }

    @Test
    void cancellingBeforeAnythingWasCreatedCallsNoErs() {
        ProcessInstance referral = start(false);
        drive(referral);
        assertThat(referral).isWaitingAt(TASK_CHOOSE_SHORTLIST);

        runtimeService().correlateMessage(MESSAGE_CANCEL_REFERRAL, "request-1");

        assertThat(referral).isEnded().hasPassed(END_REFERRAL_CANCELLED).hasNotPassed(TASK_CANCEL_REFERRAL)
                .variables().containsEntry("outcome", "CANCELLED");
    }

    // ---------------------------------------------------------------- describing the need, giving the letter

    @Test
    void aStartWithoutSpecialtyAsksACoordinatorToDescribeTheNeedFromErsReferenceData() {
        ers.register(false);
        Map<String, Object> variables = startVariables("9912003888", "URGENT");
        variables.remove(ReferralVariables.SPECIALTY.name());
        ProcessInstance referral = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "request-1", variables);
        drive(referral);

        assertThat(referral).isWaitingAt(TASK_DESCRIBE_NEED).hasPassed(GATEWAY_NEED_DESCRIBED).hasNotPassed(TASK_SEARCH_SERVICES);
        Task describe = task(referral);
        assertThat(describe).hasCandidateGroup(CANDIDATE_GROUP);
        assertThat(describe.getName()).isEqualTo("Describe the need — urgent");
        assertThat(describe.getPriority()).isEqualTo(Priority.URGENT.taskPriority());
        assertThat(runtimeService().getVariable(referral.getId(), ReferralVariables.SPECIALTY_OPTIONS.name()).toString()).contains("CARDIOLOGY");

        assertThatThrownBy(() -> taskService().complete(describe.getId(), Map.of(ReferralVariables.SPECIALTY.name(), "ASTROLOGY")))
                .hasMessageContaining("ASTROLOGY is not one e-RS knows");
        assertThatThrownBy(() -> taskService().complete(describe.getId(), Map.of(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY",
                ReferralVariables.CLINIC_TYPE.name(), "SKIN_LESION")))
                .hasMessageContaining("not a clinic type of Cardiology");
        assertThat(referral).isWaitingAt(TASK_DESCRIBE_NEED);

        answer(TASK_DESCRIBE_NEED, ReferralVariables.SPECIALTY.name(), "CARDIOLOGY", ReferralVariables.CLINIC_TYPE.name(), "HEART_FAILURE");
        answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
        answers.put(TASK_ATTACH_REFERRAL_LETTER, Map.of(ReferralVariables.ATTACH_LATER.name(), true));
        drive(referral);

        assertThat(referral).isEnded().hasPassedInOrder(TASK_LOAD_REFERENCE_DATA, TASK_DESCRIBE_NEED, TASK_SEARCH_SERVICES,
                TASK_CHOOSE_SHORTLIST, END_AWAITING_PATIENT_BOOKING).variables()
                .containsEntry(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY").containsEntry(ReferralVariables.CLINIC_TYPE.name(), "HEART_FAILURE")
                .containsEntry(ReferralVariables.SPECIALTY_DISPLAY.name(), "Cardiology")
                .containsEntry(ReferralVariables.CLINIC_TYPE_DISPLAY.name(), "Cardiology: Heart Failure");
    }

    @Test
    void aStartWithASpecialtyGoesStraightToTheSearch() {
        ProcessInstance referral = start(false);
        drive(referral);

        assertThat(referral).isWaitingAt(TASK_CHOOSE_SHORTLIST).hasPassed(GATEWAY_NEED_DESCRIBED, TASK_SEARCH_SERVICES)
                .hasNotPassed(TASK_DESCRIBE_NEED);
        assertThat(runtimeService().getVariable(referral.getId(), ReferralVariables.SPECIALTY_OPTIONS.name())).isNull();
    }

    @Test
    void aReferralThatAsksForItGetsATaskToGiveThePatientTheirLetter() {
        ers.register(false);
        answers.put(TASK_ATTACH_REFERRAL_LETTER, Map.of(ReferralVariables.ATTACH_LATER.name(), true));
        Map<String, Object> variables = startVariables("9912003888", "URGENT");
        variables.put(ReferralVariables.PATIENT_LETTER_TASK.name(), true);
        ProcessInstance referral = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "request-1", variables);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE), ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-1");
        drive(referral);

        assertThat(referral).isWaitingAt(TASK_GIVE_PATIENT_LETTER).hasPassedInOrder(TASK_GENERATE_PATIENT_LETTER,
                TASK_RETRIEVE_REFERRAL_STATE, GATEWAY_PATIENT_LETTER_TASK);
        Task give = task(referral);
        assertThat(give).hasCandidateGroup(CANDIDATE_GROUP);
        assertThat(give.getName()).isEqualTo("Give the patient their letter — Cardiology, booked").doesNotContain("9912003888");
        assertThat((Object) taskService().getVariableTyped(give.getId(), ReferralVariables.PATIENT_LETTER.name())).isNotNull();
        assertThatThrownBy(() -> taskService().complete(give.getId(), Map.of()))
                .hasMessageContaining("handed to the patient");

        answer(TASK_GIVE_PATIENT_LETTER, ReferralVariables.PATIENT_LETTER_HANDOVER.name(), ReferralVariables.POSTED);
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_GIVE_PATIENT_LETTER, END_APPOINTMENT_BOOKED)
                .variables().containsEntry("outcome", "BOOKED").containsEntry(ReferralVariables.PATIENT_LETTER_HANDOVER.name(), "POSTED");
    }

    @Test
    void withoutTheAskTheReferralEndsWithoutALetterTask() {
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(TRIAGE_SERVICE));
        drive(referral);

        assertThat(referral).isEnded().hasPassed(GATEWAY_PATIENT_LETTER_TASK, END_SENT_FOR_TRIAGE).hasNotPassed(TASK_GIVE_PATIENT_LETTER)
                .variables().containsEntry(ReferralVariables.PATIENT_LETTER_TASK.name(), false);
    }

    @Test
    void aCancelledReferralNeverGetsTheLetterTask() {
        ers.register(false);
        Map<String, Object> variables = startVariables("9912003888", "URGENT");
        variables.put(ReferralVariables.PATIENT_LETTER_TASK.name(), true);
        ProcessInstance referral = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "request-1", variables);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
        drive(referral);
        assertThat(referral).isWaitingAt(TASK_ATTACH_REFERRAL_LETTER);

        runtimeService().correlateMessage(MESSAGE_CANCEL_REFERRAL, "request-1");
        drive(referral);

        assertThat(referral).isEnded().hasPassed(END_REFERRAL_CANCELLED).hasNotPassed(TASK_GENERATE_PATIENT_LETTER, TASK_GIVE_PATIENT_LETTER);
    }

    // ---------------------------------------------------------------- error routes

    static Stream<Arguments> everyErsStep() {
        return Stream.of(
                Arguments.of(TASK_ESTABLISH_ERS_CONTEXT, "indirect"), Arguments.of(TASK_LOAD_REFERENCE_DATA, "indirect"),
                Arguments.of(TASK_SEARCH_SERVICES, "indirect"), Arguments.of(TASK_CREATE_REFERRAL, "indirect"),
                Arguments.of(TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE, "create-and-send"),
                Arguments.of(TASK_UPLOAD_REFERRAL_LETTER, "letter"), Arguments.of(TASK_MAINTAIN_REFERRAL_LETTER, "letter"),
                Arguments.of(TASK_SEND_FOR_TRIAGE, "triage"), Arguments.of(TASK_RETRIEVE_SLOTS, "book"),
                Arguments.of(TASK_BOOK_APPOINTMENT, "book"), Arguments.of(TASK_DEFER_TO_PROVIDER, "defer"),
                Arguments.of(TASK_GENERATE_PATIENT_LETTER, "indirect"), Arguments.of(TASK_RETRIEVE_REFERRAL_STATE, "indirect"));
    }

    @ParameterizedTest(name = "{0}: rejected, resolved, retried")
    @MethodSource("everyErsStep")
    void aRejectionGoesToACoordinatorAndTheStepIsRetried(String step, String path) {
        ers.failOnce(step, ERROR_ERS_REJECTED);
        ProcessInstance referral = startOn(path);
        answer(TASK_RESOLVE_REJECTION, ReferralVariables.RESOLUTION.name(), ReferralVariables.RESOLUTION_RETRY);
        drive(referral);

        assertThat(referral).isEnded().hasPassed(step);
        assertThat(passedInStep(referral, step, BOUNDARY_ERS_REJECTED)).isEqualTo(1);
        assertThat(passedInStep(referral, step, TASK_RESOLVE_REJECTION)).isEqualTo(1);
        assertThat(ers.calls(step)).as("calls of %s", step).isGreaterThanOrEqualTo(2);
        assertThat(historicVariable(referral, ReferralVariables.ERS_FAILED_STEP.name())).isEqualTo(step);
    }

    @Test
    void theRejectionTaskShowsWhatErsSaid() {
        ers.failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_REJECTED);
        ProcessInstance referral = start(false);
        drive(referral);

        assertThat(referral).isWaitingAt(TASK_SEARCH_SERVICES).variables()
                .containsEntry(ReferralVariables.ERS_ERROR_MESSAGE.name(), "e-RS said no")
                .containsEntry(ReferralVariables.ERS_ERROR_CODE.name(), ERROR_ERS_REJECTED);
        ProcessInstance step = stepInstance(referral);
        assertThat(step).isWaitingAt(TASK_RESOLVE_REJECTION);
        assertThat(step.getBusinessKey()).isEqualTo("request-1");
        Task resolve = taskService().createTaskQuery().processInstanceId(step.getId()).singleResult();
        assertThat(resolve).hasCandidateGroup(CANDIDATE_GROUP);
        assertThat(resolve.getName()).isEqualTo("Resolve e-RS rejection — Cardiology, urgent");
        // What the form shows is the task's own: the step's name and e-RS's words, not a copy on the step instance.
        assertThat(taskService().getVariablesLocal(resolve.getId()))
                .containsEntry(ReferralVariables.ERS_STEP_NAME.name(), "Search e-RS services")
                .containsEntry(ReferralVariables.ERS_ERROR_MESSAGE.name(), "e-RS said no")
                .containsEntry(ReferralVariables.ERS_ERROR_CODE.name(), ERROR_ERS_REJECTED)
                .doesNotContainKey(ReferralVariables.ERS_REFERRAL_STATUS.name());
        assertThat(runtimeService().getVariablesLocal(step.getId())).isEmpty();
        assertThat(ers.calls("A005 for " + TASK_SEARCH_SERVICES)).isZero();
    }

    @Test
    void theRejectionTaskOfAReferralErsHasShowsItsCurrentErsStatus() {
        ers.failOnce(TASK_MAINTAIN_REFERRAL_LETTER, ERROR_ERS_REJECTED);
        ProcessInstance referral = startOn("letter");
        drive(referral);

        Task resolve = taskService().createTaskQuery().processInstanceId(stepInstance(referral).getId()).singleResult();
        assertThat(taskService().getVariablesLocal(resolve.getId()))
                .containsEntry(ReferralVariables.ERS_REFERRAL_STATUS.name(), "IN_PROGRESS")
                .containsEntry(ReferralVariables.UBRN.name(), UBRN)
                .containsEntry(ReferralVariables.ERS_STEP_NAME.name(), "Add files to referral letter");
        assertThat(ers.calls("A005 for " + TASK_MAINTAIN_REFERRAL_LETTER)).isEqualTo(1);
    }

    @Test
    void theRejectionTaskSaysTheErsStatusIsUnknownWhenErsCannotBeAsked() {
        ers.referralStatus = null;
        ers.failOnce(TASK_MAINTAIN_REFERRAL_LETTER, ERROR_ERS_REJECTED);
        ProcessInstance referral = startOn("letter");
        drive(referral);

        Task resolve = taskService().createTaskQuery().processInstanceId(stepInstance(referral).getId()).singleResult();
        assertThat(taskService().getVariableLocal(resolve.getId(), ReferralVariables.ERS_REFERRAL_STATUS.name()))
                .isEqualTo(ReferralVariables.STATUS_UNKNOWN);
    }

    @Test
    void cancellingInErsIsNotAChoiceBeforeErsHasTheReferral() {
        ers.failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_REJECTED);
        ProcessInstance referral = start(false);
        drive(referral);

        Task resolve = taskService().createTaskQuery().processInstanceId(stepInstance(referral).getId()).singleResult();
        assertThatThrownBy(() -> taskService().complete(resolve.getId(),
                Map.of(ReferralVariables.RESOLUTION.name(), ReferralVariables.RESOLUTION_CANCEL_IN_ERS)))
                .hasMessageContaining("Choose whether to try again");
        assertThat(referral).isWaitingAt(TASK_SEARCH_SERVICES);
    }

    @Test
    void givingUpBeforeTheReferralExistsEndsItWithNothingInErs() {
        ers.failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_REJECTED);
        ProcessInstance referral = start(false);
        answer(TASK_RESOLVE_REJECTION, ReferralVariables.RESOLUTION.name(), ReferralVariables.RESOLUTION_GIVE_UP);
        drive(referral);

        assertThat(referral).isEnded().hasPassed(START_ERS_STEP_GIVEN_UP, END_GIVEN_UP_BEFORE_REFERRAL)
                .hasNotPassed(TASK_CANCEL_REJECTED_REFERRAL, TASK_CHOOSE_SHORTLIST)
                .variables().containsEntry("outcome", "SEARCH_ABANDONED");
        assertThat(passedInStep(referral, TASK_SEARCH_SERVICES, END_ERS_STEP_GAVE_UP)).isEqualTo(1);
    }

    @Test
    void givingUpAfterTheReferralExistsLeavesItInErsAsItIs() {
        ers.failOnce(TASK_MAINTAIN_REFERRAL_LETTER, ERROR_ERS_REJECTED);
        ProcessInstance referral = startOn("letter");
        answer(TASK_RESOLVE_REJECTION, ReferralVariables.RESOLUTION.name(), ReferralVariables.RESOLUTION_GIVE_UP);
        drive(referral);

        assertThat(referral).isEnded().hasPassed(START_ERS_STEP_GIVEN_UP, END_LEFT_IN_ERS)
                .hasNotPassed(TASK_CANCEL_REJECTED_REFERRAL, TASK_GENERATE_PATIENT_LETTER)
                .variables().containsEntry("outcome", "LEFT_IN_ERS").containsEntry("ubrn", UBRN);
        assertThat(ers.calls(TASK_CANCEL_REJECTED_REFERRAL)).isZero();
    }

    @Test
    void givingUpCancelsTheReferralInErsOnlyWhenTheCoordinatorChoseTo() {
        ers.failOnce(TASK_MAINTAIN_REFERRAL_LETTER, ERROR_ERS_REJECTED);
        ProcessInstance referral = startOn("letter");
        answer(TASK_RESOLVE_REJECTION, ReferralVariables.RESOLUTION.name(), ReferralVariables.RESOLUTION_CANCEL_IN_ERS);
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_CANCEL_REJECTED_REFERRAL, END_REJECTED_REFERRAL_CANCELLED)
                .variables().containsEntry("outcome", "CANCELLED");
        assertThat(ers.calls(TASK_CANCEL_REJECTED_REFERRAL)).isEqualTo(1);
    }

    @Test
    void anExpiredTokenAsksForASignInAndRetriesTheStep() {
        ers.failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_UNAUTHORISED);
        ProcessInstance referral = start(false);
        answers.put(TASK_SIGN_IN_AGAIN, Map.of());
        answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
        drive(referral);

        assertThat(referral).isEnded().hasPassed(END_AWAITING_PATIENT_BOOKING);
        assertThat(passedInStep(referral, TASK_SEARCH_SERVICES, TASK_SIGN_IN_AGAIN)).isEqualTo(1);
        assertThat(passedInStep(referral, TASK_SEARCH_SERVICES, TASK_RESOLVE_REJECTION)).isZero();
        assertThat(ers.calls(TASK_SEARCH_SERVICES)).isEqualTo(2);
    }

    @Test
    void aCreateWithoutAnswerIsReconciledNotRepeatedWhenErsHasIt() {
        ers.failOnce(TASK_CREATE_REFERRAL, ERROR_ERS_OUTCOME_UNKNOWN);
        ProcessInstance referral = start(false);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
        answer(TASK_RECONCILE_REFERRAL, ReferralVariables.UBRN.name(), "0000 0007 0042");
        drive(referral);

        assertThat(referral).isEnded().hasPassed(END_AWAITING_PATIENT_BOOKING)
                .variables().containsEntry("ubrn", "000000070042");
        assertThat(passedInStep(referral, TASK_CREATE_REFERRAL, TASK_RECONCILE_REFERRAL)).isEqualTo(1);
        assertThat(ers.calls(TASK_CREATE_REFERRAL)).isEqualTo(1);
    }

    @Test
    void aCreateWithoutAnswerIsMadeAgainWhenErsDoesNotHaveIt() {
        ers.failOnce(TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE, ERROR_ERS_OUTCOME_UNKNOWN);
        ProcessInstance referral = start(true);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(TRIAGE_SERVICE));
        answers.put(TASK_RECONCILE_REFERRAL, Map.of());
        drive(referral);

        assertThat(referral).isEnded().hasPassed(END_SENT_FOR_TRIAGE);
        assertThat(passedInStep(referral, TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE, TASK_RECONCILE_REFERRAL)).isEqualTo(1);
        assertThat(ers.calls(TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE)).isEqualTo(2);
    }

    @Test
    void aServerErrorIsRetriedByTheJobAndBecomesAnIncidentWhenRetriesRunOut() {
        int attempts = 4; // the first try and one retry per interval of the retry cycle PT10S,PT1M,PT5M
        for (int i = 0; i < attempts; i++) {
            ers.failOnce(TASK_SEARCH_SERVICES, SERVER_ERROR);
        }
        ProcessInstance referral = start(false);
        execute(jobAt(referral, TASK_ESTABLISH_ERS_CONTEXT));
        execute(jobAt(referral, TASK_LOAD_REFERENCE_DATA));
        // The job runs in the step's ers-step instance; the incident is raised there and on the referral's step.
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Job job = jobAt(referral, TASK_SEARCH_SERVICES);
            assertThat(job.getRetries()).as("retries left before attempt %d", attempt).isEqualTo(attempts - attempt + 1);
            assertThatThrownBy(() -> execute(job)).hasMessageContaining("503");
        }

        Job failed = jobAt(referral, TASK_SEARCH_SERVICES);
        assertThat(failed.getRetries()).isZero();
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(stepInstance(referral).getId())
                .singleResult().getIncidentMessage()).contains("503");
        assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(referral.getId()).singleResult()
                .getActivityId()).isEqualTo(TASK_SEARCH_SERVICES);
        assertThat(ers.calls(TASK_SEARCH_SERVICES)).isEqualTo(attempts);
    }

    // ---------------------------------------------------------------- the acting user

    @Test
    void aPersonWhoStartsTheReferralIsItsActingUserWhateverTheStartSaid() {
        ers.register(false);
        Map<String, Object> variables = startVariables("9912003888", "URGENT");
        variables.put(ReferralVariables.ACTING_USER.name(), OTHER_COORDINATOR);
        ProcessInstance referral = runtimeService().startProcessInstanceByKey(PROCESS_KEY, "request-1", variables);
        drive(referral);

        assertThat(referral).isWaitingAt(TASK_CHOOSE_SHORTLIST).hasPassed(GATEWAY_COORDINATOR_ACTING, TASK_ESTABLISH_ERS_CONTEXT)
                .hasNotPassed(TASK_TAKE_ON_REFERRAL);
        assertThat(actingUser(referral)).isEqualTo(COORDINATOR);
    }

    @Test
    void aGpSystemsReferralWaitsForTheFirstCoordinatorWhoTakesItOn() {
        processEngine.getIdentityService().setAuthentication(GP_SYSTEM, List.of(CANDIDATE_GROUP));
        ProcessInstance referral = start(false);
        drive(referral);

        assertThat(referral).isWaitingAt(TASK_TAKE_ON_REFERRAL).hasPassed(GATEWAY_COORDINATOR_ACTING)
                .hasNotPassed(TASK_ESTABLISH_ERS_CONTEXT);
        assertThat(actingUser(referral)).isNull();
        Task takeOn = task(referral);
        assertThat(takeOn).hasCandidateGroup(CANDIDATE_GROUP).isNotAssigned();
        assertThat(takeOn.getName()).isEqualTo("Take on the referral — Cardiology, urgent").doesNotContain("9912003888");
        assertThat(ers.calls(TASK_ESTABLISH_ERS_CONTEXT)).isZero();

        completeAs(OTHER_COORDINATOR, takeOn);
        drive(referral);

        assertThat(referral).isWaitingAt(TASK_CHOOSE_SHORTLIST).hasPassedInOrder(TASK_TAKE_ON_REFERRAL, TASK_ESTABLISH_ERS_CONTEXT);
        assertThat(actingUser(referral)).isEqualTo(OTHER_COORDINATOR);
    }

    @Test
    void aStartByTheApplicationItselfAlsoWaitsToBeTakenOn() {
        processEngine.getIdentityService().clearAuthentication();
        ProcessInstance referral = start(false);
        drive(referral);

        assertThat(referral).isWaitingAt(TASK_TAKE_ON_REFERRAL);
        assertThat(actingUser(referral)).isNull();
    }

    @Test
    void whoeverCompletesATaskOfTheReferralOrOfItsErsStepsBecomesTheActingUser() {
        ers.failOnce(TASK_CREATE_REFERRAL, ERROR_ERS_REJECTED);
        ProcessInstance referral = start(false);
        answers.remove(TASK_ATTACH_REFERRAL_LETTER);
        drive(referral);
        assertThat(actingUser(referral)).isEqualTo(COORDINATOR);

        completeAs(OTHER_COORDINATOR, task(referral), shortlist(INDIRECT_SERVICE));
        drive(referral);
        assertThat(actingUser(referral)).as("after a task of ers-referral").isEqualTo(OTHER_COORDINATOR);

        Task resolve = taskService().createTaskQuery().processInstanceId(stepInstance(referral).getId()).singleResult();
        assertThat(resolve.getTaskDefinitionKey()).isEqualTo(TASK_RESOLVE_REJECTION);
        completeAs("sam", resolve, Map.of(ReferralVariables.RESOLUTION.name(), ReferralVariables.RESOLUTION_RETRY));
        drive(referral);
        assertThat(actingUser(referral)).as("after a task of ers-step").isEqualTo("sam");

        // A GP system working a task through the API is not a person the referral can act as.
        assertThat(referral).isWaitingAt(TASK_ATTACH_REFERRAL_LETTER);
        completeAs(GP_SYSTEM, task(referral), Map.of(ReferralVariables.ATTACH_LATER.name(), true));
        drive(referral);
        assertThat(referral).isEnded();
        assertThat(historicVariable(referral, ReferralVariables.ACTING_USER.name())).isEqualTo("sam");
    }

    @Test
    void theSignInTaskGoesToTheActingUserFirstAndToEveryCoordinatorAfterTheTimer() {
        ers.failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_UNAUTHORISED);
        ProcessInstance referral = start(false);
        drive(referral);

        ProcessInstance step = stepInstance(referral);
        assertThat(step).isWaitingAt(TASK_SIGN_IN_AGAIN);
        Task signIn = taskService().createTaskQuery().processInstanceId(step.getId()).singleResult();
        assertThat(signIn).isAssignedTo(COORDINATOR);
        assertThat(taskService().getIdentityLinksForTask(signIn.getId())).as("still the group's")
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(CANDIDATE_GROUP));
        Job timer = processEngine.getManagementService().createJobQuery().processInstanceId(step.getId()).timers().singleResult();
        assertThat(timer.getDuedate()).as("due in 30 minutes")
                .isAfter(new java.util.Date(System.currentTimeMillis() + 29 * 60_000));

        execute(timer);

        assertThat(step).isWaitingAt(TASK_SIGN_IN_AGAIN).hasPassed(BOUNDARY_OFFER_SIGN_IN_TO_ALL, END_SIGN_IN_OFFERED_TO_ALL);
        assertThat(taskService().createTaskQuery().processInstanceId(step.getId()).singleResult()).isNotAssigned()
                .hasCandidateGroup(CANDIDATE_GROUP);

        completeAs(OTHER_COORDINATOR, signIn);
        assertThat(actingUser(referral)).isEqualTo(OTHER_COORDINATOR);
        answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
        drive(referral);

        assertThat(referral).isEnded().hasPassed(END_AWAITING_PATIENT_BOOKING);
        assertThat(ers.calls(TASK_SEARCH_SERVICES)).isEqualTo(2);
    }

    @Test
    void theTimerLeavesASignInTaskSomeoneElseClaimed() {
        ers.failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_UNAUTHORISED);
        ProcessInstance referral = start(false);
        drive(referral);
        ProcessInstance step = stepInstance(referral);
        Task signIn = taskService().createTaskQuery().processInstanceId(step.getId()).singleResult();
        taskService().setAssignee(signIn.getId(), OTHER_COORDINATOR);

        execute(processEngine.getManagementService().createJobQuery().processInstanceId(step.getId()).timers().singleResult());

        assertThat(taskService().createTaskQuery().processInstanceId(step.getId()).singleResult()).isAssignedTo(OTHER_COORDINATOR);
    }

    @Test
    void signingInAgainCompletesOnlyThatPersonsSignInTasks() {
        for (int i = 0; i < 5; i++) {
            ers.failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_UNAUTHORISED);
        }
        ers.register(false);
        ProcessInstance assignedToCasey = startAs(COORDINATOR, "request-a");
        ProcessInstance assignedToRobin = startAs(OTHER_COORDINATOR, "request-b");
        ProcessInstance offeredForCasey = startAs(COORDINATOR, "request-c");
        ProcessInstance offeredForRobin = startAs(OTHER_COORDINATOR, "request-d");
        ProcessInstance claimedByRobin = startAs(COORDINATOR, "request-e");
        for (ProcessInstance offered : List.of(offeredForCasey, offeredForRobin)) {
            execute(processEngine.getManagementService().createJobQuery().processInstanceId(stepInstance(offered).getId())
                    .timers().singleResult());
        }
        taskService().setAssignee(signInTask(claimedByRobin).getId(), OTHER_COORDINATOR);
        processEngine.getIdentityService().setAuthentication("someone", List.of());
        SignInAgainTasks signInAgain = (SignInAgainTasks) Mocks.get("signInAgainTasks");

        signInAgain.on(new ErsUserReady(COORDINATOR, List.of(CANDIDATE_GROUP), List.of()));

        assertThat(processEngine.getIdentityService().getCurrentAuthentication().getUserId()).as("put back").isEqualTo("someone");
        assertThat(signInTask(assignedToCasey)).isNull();
        assertThat(signInTask(offeredForCasey)).isNull();
        assertThat(signInTask(assignedToRobin)).isAssignedTo(OTHER_COORDINATOR);
        assertThat(signInTask(offeredForRobin)).isNotAssigned();
        assertThat(signInTask(claimedByRobin)).isAssignedTo(OTHER_COORDINATOR);
        assertThat(processEngine.getHistoryService().createUserOperationLogQuery().processInstanceId(stepOf(assignedToCasey))
                .operationType(org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult()
                .getUserId()).as("completed as the person").isEqualTo(COORDINATOR);

        processEngine.getIdentityService().clearAuthentication();
        assertThat(signInAgain.resume(OTHER_COORDINATOR, List.of(CANDIDATE_GROUP), List.of())).isEqualTo(3);
        assertThat(processEngine.getIdentityService().getCurrentAuthentication()).as("cleared").isNull();
        assertThat(signInTask(claimedByRobin)).as("claimed by robin").isNull();
        assertThat(signInTask(assignedToRobin)).isNull();
        assertThat(signInTask(offeredForRobin)).isNull();
        answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
        drive(assignedToCasey);
        assertThat(assignedToCasey).isEnded();
        assertThat(ers.calls(TASK_SEARCH_SERVICES)).isEqualTo(5 + 1);
    }

    @Test
    void oneSignInTaskThatCannotBeCompletedDoesNotStopTheOthers() {
        ers.failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_UNAUTHORISED).failOnce(TASK_SEARCH_SERVICES, ERROR_ERS_UNAUTHORISED);
        ers.register(false);
        ProcessInstance first = startAs(COORDINATOR, "request-a");
        ProcessInstance second = startAs(COORDINATOR, "request-b");
        // A completion that fails: the engine refuses it while the task's complete listener throws.
        Mocks.register("actingUsers", (org.camunda.bpm.engine.delegate.TaskListener) task -> {
            if (task.getProcessInstanceId().equals(stepOf(first))) {
                throw new IllegalStateException("refused");
            }
        });

        int completed = ((SignInAgainTasks) Mocks.get("signInAgainTasks")).resume(COORDINATOR, List.of(CANDIDATE_GROUP), List.of());

        assertThat(completed).isEqualTo(1);
        assertThat(signInTask(first)).isAssignedTo(COORDINATOR);
        assertThat(signInTask(second)).isNull();
    }

    private ProcessInstance startAs(String userId, String requestId) {
        processEngine.getIdentityService().setAuthentication(userId, List.of(CANDIDATE_GROUP));
        answers.putIfAbsent(TASK_ATTACH_REFERRAL_LETTER, Map.of(ReferralVariables.ATTACH_LATER.name(), true));
        ProcessInstance referral = runtimeService().startProcessInstanceByKey(PROCESS_KEY, requestId, startVariables("9912003888", "URGENT"));
        drive(referral);
        assertThat(stepInstance(referral)).isWaitingAt(TASK_SIGN_IN_AGAIN);
        return referral;
    }

    private String stepOf(ProcessInstance referral) {
        return stepInstance(referral).getId();
    }

    /** The open sign-in task of the referral's current e-RS step; null when there is none. */
    private Task signInTask(ProcessInstance referral) {
        ProcessInstance step = stepInstance(referral);
        return step == null ? null : taskService().createTaskQuery().processInstanceId(step.getId())
                .taskDefinitionKey(TASK_SIGN_IN_AGAIN).singleResult();
    }

    private Object actingUser(ProcessInstance referral) {
        return runtimeService().getVariable(referral.getId(), ReferralVariables.ACTING_USER.name());
    }

    private void completeAs(String userId, Task task) {
        completeAs(userId, task, Map.of());
    }

    private void completeAs(String userId, Task task, Map<String, Object> variables) {
        processEngine.getIdentityService().setAuthentication(userId, List.of(CANDIDATE_GROUP));
        try {
            taskService().complete(task.getId(), variables);
        } finally {
            processEngine.getIdentityService().setAuthentication(COORDINATOR, List.of(CANDIDATE_GROUP));
        }
    }

    // ---------------------------------------------------------------- input checks

    @Test
    void refusesABadNhsNumberAtStart() {
        ers.register(false);
        assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_KEY, "request-2",
                startVariables("9912003889", "URGENT")))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("check digit");
        assertThat(runtimeService().createProcessInstanceQuery().count()).isZero();
    }

    @Test
    void refusesAnUnknownPriorityAtStart() {
        ers.register(false);
        assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS_KEY, "request-3",
                startVariables("9912003888", "WHENEVER")))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("priority 'WHENEVER' is unknown");
    }

    @Test
    void aShortlistBreakingErsRulesKeepsTheTaskOpen() {
        ProcessInstance referral = start(false);
        drive(referral);
        Task shortlistTask = task(referral);

        assertThatThrownBy(() -> taskService().complete(shortlistTask.getId(), shortlist(DIRECT_SERVICE, TRIAGE_SERVICE)))
                .hasMessageContaining("triage (RAS) service must be the only service");
        assertThatThrownBy(() -> taskService().complete(shortlistTask.getId(), shortlist()))
                .hasMessageContaining("at least one service");
        Map<String, Object> bookIndirect = new HashMap<>(shortlist(INDIRECT_SERVICE));
        bookIndirect.put(ReferralVariables.BOOK_SERVICE_ID.name(), INDIRECT_SERVICE);
        assertThatThrownBy(() -> taskService().complete(shortlistTask.getId(), bookIndirect))
                .hasMessageContaining("Only a directly bookable service can be booked now");
        assertThat(referral).isWaitingAt(TASK_CHOOSE_SHORTLIST);
    }

    @Test
    void tasksSayWhatAndHowUrgentWithoutPatientIdentifiers() {
        ProcessInstance referral = start(false);
        drive(referral);

        Task shortlistTask = task(referral);
        assertThat(shortlistTask.getName()).isEqualTo("Choose shortlist — Cardiology, urgent").doesNotContain("9912003888");
        assertThat(shortlistTask.getPriority()).isEqualTo(70);
        assertThat(shortlistTask.getDueDate()).isNotNull();
    }

    // ---------------------------------------------------------------- driving

    private ProcessInstance start(boolean createAndSendForTriage) {
        ers.register(createAndSendForTriage);
        answers.putIfAbsent(TASK_ATTACH_REFERRAL_LETTER, Map.of(ReferralVariables.ATTACH_LATER.name(), true));
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, "request-1", startVariables("9912003888", "URGENT"));
    }

    /** Starts a referral whose answers lead through the e-RS step a test is interested in. */
    private ProcessInstance startOn(String path) {
        ProcessInstance referral = start("create-and-send".equals(path));
        switch (path) {
            case "create-and-send", "triage" -> answer(TASK_CHOOSE_SHORTLIST, shortlist(TRIAGE_SERVICE));
            case "letter" -> {
                answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
                answers.put(TASK_ATTACH_REFERRAL_LETTER, Map.of("referralLetter1", pdf("letter.pdf")));
            }
            case "book", "defer" -> {
                answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE), ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
                answer(TASK_CHOOSE_SLOT, "defer".equals(path) ? ReferralVariables.DEFER_TO_PROVIDER.name() : ReferralVariables.SLOT_ID.name(),
                        "defer".equals(path) ? (Object) true : "slot-1");
            }
            default -> answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));
        }
        return referral;
    }

    private static Map<String, Object> startVariables(String nhsNumber, String priority) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("nhsNumber", nhsNumber);
        variables.put("priority", priority);
        variables.put("specialty", "CARDIOLOGY");
        variables.put("postcode", "LS1 2TW");
        return variables;
    }

    /** Runs jobs and completes tasks with the prepared answers until the referral ends or waits at a task without one. */
    private void drive(ProcessInstance referral) {
        for (int step = 0; step < 100; step++) {
            if (runtimeService().createProcessInstanceQuery().processInstanceId(referral.getId()).count() == 0) {
                return;
            }
            List<String> instances = withSteps(referral);
            List<Job> jobs = instances.stream().flatMap(id -> processEngine.getManagementService().createJobQuery()
                    .processInstanceId(id).executable().list().stream()).toList();
            if (!jobs.isEmpty()) {
                execute(jobs.get(0));
                continue;
            }
            List<Task> tasks = taskService().createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).list();
            if (tasks.isEmpty() || !answers.containsKey(tasks.get(0).getTaskDefinitionKey())) {
                return;
            }
            Task next = tasks.get(0);
            taskService().complete(next.getId(), answers.get(next.getTaskDefinitionKey()));
        }
        throw new AssertionError("referral did not settle within 100 steps");
    }

    /** The referral and its running ers-step instance, if any: where its jobs and tasks are. */
    private List<String> withSteps(ProcessInstance referral) {
        List<String> ids = new java.util.ArrayList<>(List.of(referral.getId()));
        runtimeService().createProcessInstanceQuery().superProcessInstanceId(referral.getId()).list()
                .forEach(step -> ids.add(step.getId()));
        return ids;
    }

    /** The ers-step instance the referral is in now. */
    private ProcessInstance stepInstance(ProcessInstance referral) {
        return runtimeService().createProcessInstanceQuery().superProcessInstanceId(referral.getId())
                .processDefinitionKey(STEP_PROCESS_KEY).singleResult();
    }

    /** The e-RS call job of the referral's step {@code stepId}, which runs in that step's ers-step instance. */
    private Job jobAt(ProcessInstance referral, String stepId) {
        assertThat(runtimeService().createExecutionQuery().processInstanceId(referral.getId()).activityId(stepId).count())
                .as("referral at %s", stepId).isEqualTo(1);
        return processEngine.getManagementService().createJobQuery().processInstanceId(stepInstance(referral).getId())
                .activityId(TASK_CALL_ERS).singleResult();
    }

    /** How often {@code activityId} of ers-step was passed in the instances the referral's step {@code stepId} called. */
    private long passedInStep(ProcessInstance referral, String stepId, String activityId) {
        var history = processEngine.getHistoryService();
        return history.createHistoricActivityInstanceQuery().processInstanceId(referral.getId()).activityId(stepId).list().stream()
                .map(org.camunda.bpm.engine.history.HistoricActivityInstance::getCalledProcessInstanceId)
                .filter(java.util.Objects::nonNull)
                .mapToLong(called -> history.createHistoricActivityInstanceQuery().processInstanceId(called).activityId(activityId).count())
                .sum();
    }

    private Object historicVariable(ProcessInstance referral, String name) {
        return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(referral.getId())
                .variableName(name).singleResult().getValue();
    }

    private void answer(String taskKey, Object... nameValuePairs) {
        answers.put(taskKey, NameValuePairs.variables(nameValuePairs));
    }

    private static Map<String, Object> shortlist(String... serviceIds) {
        String json = Stream.of(serviceIds).map(id -> "\"" + id + "\"").reduce((a, b) -> a + "," + b).orElse("");
        return Map.of(ReferralVariables.SHORTLIST.name(), SpinValues.jsonValue("[" + json + "]").create());
    }

    private static Object pdf(String name) {
        return Variables.fileValue(name).file(new ByteArrayInputStream("%PDF-1.4 test".getBytes())).mimeType("application/pdf").create();
    }
}
