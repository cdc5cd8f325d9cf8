package org.ersreferral.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.ersreferral.process.FollowUp.*;
import static org.ersreferral.process.ReferralProcess.*;
import static org.ersreferral.process.ScriptedErs.*;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.camunda.spin.plugin.variable.SpinValues;
import org.ersreferral.ers.WorklistType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path through {@code ers-referral-follow-up}, with the e-RS delegates scripted and the worklist
 * sync's message sent by hand: one test per end event, per way e-RS hands a referral back and per
 * coordinator choice. Coverage of the follow-up (its e-RS steps are ReferralProcessTest's) must reach
 * every flow node and sequence flow.
 */
@Deployment(resources = {"bpmn/ers-referral-follow-up.bpmn", "bpmn/ers-step.bpmn", "bpmn/follow-up-chase-after.dmn"})
class FollowUpProcessTest {

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension.builder("process-test.camunda.cfg.xml")
            .excludeProcessDefinitionKeys(STEP_PROCESS_KEY).assertClassCoverageAtLeast(1.0).build();

    static final String COORDINATOR = "casey";

    ProcessEngine processEngine;
    ScriptedErs ers = new ScriptedErs();
    /** Each task's answers, used in turn; a task with none left stops the drive. */
    Map<String, Deque<Map<String, Object>>> answers = new HashMap<>();

    @BeforeEach
    void signIn() {
        processEngine.getIdentityService().setAuthentication(COORDINATOR, List.of(CANDIDATE_GROUP));
        ers.register(false);
    }

    @AfterEach
    void resetMocks() {
        processEngine.getIdentityService().clearAuthentication();
        Mocks.reset();
    }

    // ---------------------------------------------------------------- booked referrals

    @Test
    void aBookedReferralIsFollowedUntilItsAppointmentDateHasPassed() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE");

        assertThat(referral).isWaitingAt(GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(ers.calls(TASK_READ_APPOINTMENT)).isOne();
        assertThat(runtimeService().getVariable(referral.getId(), CHASE_AFTER.name())).isNull();
        execute(timer(referral));

        assertThat(referral).isEnded().hasPassed(END_APPOINTMENT_PASSED);
        assertThat(ers.statesSeen.seen).containsExactly(START_REFERRAL_SENT + ":BOOKED");
    }

    @Test
    void aPatientWhoCancelledTheirAppointmentIsRebookedWithANewLetter() {
        ProcessInstance referral = follow("BOOKED", "URGENT");
        ers.followedState = "BOOKED";
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "BOOK");
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-2");

        changed(referral, "APPT_CANCELLED_BY_PATIENT", WorklistType.AWAITING_BOOKING);

        assertThat(referral).hasPassedInOrder(EVENT_ERS_CHANGED_WHILE_BOOKED, TASK_READ_AVAILABLE_ACTIONS, TASK_ACT_ON_RETURNED_REFERRAL,
                TASK_RETRIEVE_SLOTS, TASK_CHOOSE_SLOT, TASK_BOOK_APPOINTMENT, TASK_GENERATE_PATIENT_LETTER,
                TASK_READ_REFERRAL_AFTER_CHANGE);
        assertThat(referral).isWaitingAt(GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(runtimeService().getVariable(referral.getId(), ReferralVariables.OUTCOME.name())).isEqualTo("BOOKED");
        assertThat(ers.statesSeen.seen).containsExactly(START_REFERRAL_SENT + ":BOOKED",
                EVENT_ERS_CHANGED_WHILE_BOOKED + ":APPT_CANCELLED_BY_PATIENT", TASK_READ_REFERRAL_AFTER_CHANGE + ":BOOKED");
    }

    @Test
    void aPatientWhoAskedToChangeTheirAppointmentHasItCancelledAndIsBookedAgain() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE");
        ers.followedState = "BOOKED";
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-1");

        runtimeService().createMessageCorrelation(MESSAGE_CHANGE_APPOINTMENT).processInstanceId(referral.getId())
                .setVariable(APPOINTMENT_CANCELLATION_REASON.name(), "PATIENT_ILL").correlate();
        drive(referral);

        assertThat(referral).hasPassedInOrder(EVENT_APPOINTMENT_CHANGE_ASKED, TASK_CANCEL_APPOINTMENT, TASK_RETRIEVE_SLOTS,
                TASK_CHOOSE_SLOT, TASK_BOOK_APPOINTMENT, TASK_GENERATE_PATIENT_LETTER).isWaitingAt(GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(ers.calls(TASK_CANCEL_APPOINTMENT)).isOne();
    }

    @Test
    void theChoicesOfAReturnedReferralAreThoseErsAllowsNow() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE");
        ers.followedState = "DID_NOT_ATTEND";
        ers.availableActions = List.of("CANCEL_REFERRAL");

        changed(referral, "DID_NOT_ATTEND", WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA);

        Task task = task(referral, TASK_ACT_ON_RETURNED_REFERRAL);
        assertThat(task.getName()).isEqualTo("Act on the returned referral — Cardiology, routine");
        assertThat(taskService().getVariableLocal(task.getId(), FOLLOW_UP_CHOICES.name()).toString())
                .isEqualTo("[{\"label\":\"Add or replace referral letter files\",\"value\":\"ADD_LETTER\"},"
                        + "{\"label\":\"Cancel the referral in e-RS\",\"value\":\"CANCEL\"},"
                        + "{\"label\":\"Keep following: it was dealt with in e-RS\",\"value\":\"DEALT_WITH\"}]");
        assertThat(taskService().getVariableLocal(task.getId(), ERS_STATUS_DISPLAY.name())).isEqualTo("patient did not attend");
        // Booking was not allowed by e-RS: refused, naming the field, and the task stays.
        assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of(FOLLOW_UP_CHOICE.name(), "BOOK")))
                .hasMessageContaining("followUpChoice: that is not one of the choices this task offers now");
        assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of()))
                .hasMessageContaining("Choose what to do next (followUpChoice)");
        assertThat(referral).isWaitingAt(TASK_ACT_ON_RETURNED_REFERRAL);
    }

    @Test
    void aReferralThePatientDidNotAttendIsCancelled() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE");
        ers.followedState = "DID_NOT_ATTEND";
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "CANCEL", ReferralVariables.CANCELLATION_COMMENT.name(),
                "Patient no longer needs the appointment");

        changed(referral, "DID_NOT_ATTEND", WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA);

        assertThat(referral).isEnded().hasPassedInOrder(TASK_ACT_ON_RETURNED_REFERRAL, TASK_CANCEL_FOLLOWED_REFERRAL,
                END_CANCELLED_BY_COORDINATOR);
        assertThat(ers.calls(TASK_CANCEL_FOLLOWED_REFERRAL)).isOne();
    }

    // ---------------------------------------------------------------- returned referrals

    @Test
    void aRejectedReferralGetsANewShortlistAndIsBookedAndThePatientGetsTheLetter() {
        ProcessInstance referral = follow("DEFERRED_TO_PROVIDER", "TWO_WEEK_WAIT", Map.of(
                ReferralVariables.PATIENT_LETTER_TASK.name(), true));
        assertThat(referral).isWaitingAt(GATEWAY_WAITING_TO_CHASE);
        assertThat(runtimeService().getVariable(referral.getId(), CHASE_AFTER.name())).isEqualTo("P1D");
        ers.followedState = "BOOKED";
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "CHANGE_SHORTLIST");
        answer(TASK_CHOOSE_SHORTLIST, shortlist(DIRECT_SERVICE), ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-1");
        answer(TASK_GIVE_PATIENT_LETTER, ReferralVariables.PATIENT_LETTER_HANDOVER.name(), ReferralVariables.POSTED);

        changed(referral, "REJECTED", WorklistType.REJECTED_TRIAGE_RESPONSE);

        assertThat(referral).hasPassedInOrder(EVENT_ERS_CHANGED_WHILE_WAITING, TASK_ACT_ON_RETURNED_REFERRAL, TASK_SEARCH_SERVICES,
                TASK_CHOOSE_SHORTLIST, TASK_CHANGE_SHORTLIST, TASK_RETRIEVE_SLOTS, TASK_BOOK_APPOINTMENT, TASK_GENERATE_PATIENT_LETTER,
                TASK_GIVE_PATIENT_LETTER);
        assertThat(referral).isWaitingAt(GATEWAY_WAITING_FOR_APPOINTMENT);
    }

    @Test
    void aTriageResponseIsSentToAnotherTriageService() {
        ProcessInstance referral = follow("AWAITING_TRIAGE", "URGENT");
        ers.followedState = "AWAITING_TRIAGE";
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "SEND_TO_TRIAGE");
        answer(TASK_CHOOSE_SHORTLIST, shortlist(TRIAGE_SERVICE));

        changed(referral, "TRIAGE_RESPONSE", WorklistType.REJECTED_TRIAGE_RESPONSE);

        assertThat(referral).hasPassedInOrder(TASK_CHANGE_SHORTLIST, TASK_SEND_FOR_TRIAGE, TASK_GENERATE_PATIENT_LETTER)
                .hasNotPassed(TASK_RETRIEVE_SLOTS);
        assertThat(referral).isWaitingAt(GATEWAY_WAITING_TO_CHASE);
        assertThat(runtimeService().getVariable(referral.getId(), ReferralVariables.OUTCOME.name())).isEqualTo("SENT_FOR_TRIAGE");
    }

    @Test
    void aTriageResponseIsCancelled() {
        ProcessInstance referral = follow("AWAITING_TRIAGE", "ROUTINE");
        ers.followedState = "TRIAGE_RESPONSE";
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "CANCEL");

        changed(referral, "TRIAGE_RESPONSE", WorklistType.REJECTED_TRIAGE_RESPONSE);

        assertThat(referral).isEnded().hasPassed(END_CANCELLED_BY_COORDINATOR);
    }

    @Test
    void aNewShortlistWithNothingToBookIsLeftForThePatient() {
        ProcessInstance referral = follow("AWAITING_TRIAGE", "ROUTINE");
        ers.followedState = "NOT_BOOKED";
        ers.emptySearches = 1;
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "CHANGE_SHORTLIST");
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "CHANGE_SHORTLIST");
        answer(TASK_CHOOSE_SHORTLIST, shortlist(INDIRECT_SERVICE));

        changed(referral, "REJECTED", WorklistType.REJECTED_TRIAGE_RESPONSE);

        // The first search found nothing: back to the coordinator, who searched again.
        assertThat(ers.calls(TASK_SEARCH_SERVICES)).isEqualTo(2);
        assertThat(referral).hasPassed(TASK_CHANGE_SHORTLIST, TASK_GENERATE_PATIENT_LETTER).hasNotPassed(TASK_RETRIEVE_SLOTS);
        assertThat(runtimeService().getVariable(referral.getId(), ReferralVariables.OUTCOME.name())).isEqualTo("AWAITING_PATIENT_BOOKING");
        assertThat(referral).isWaitingAt(GATEWAY_WAITING_TO_CHASE);
        assertThat(runtimeService().getVariable(referral.getId(), CHASE_AFTER.name())).isEqualTo("P14D");
    }

    @Test
    void lettersAddedToAReturnedReferralLeadBackToItsChoices() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE");
        ers.followedState = "APPT_CANCELLED_BY_PROVIDER";
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "ADD_LETTER");
        answer(TASK_ATTACH_REFERRAL_LETTER, "referralLetter1", pdf());
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "DEALT_WITH");

        changed(referral, "APPT_CANCELLED_BY_PROVIDER", WorklistType.AWAITING_BOOKING);

        assertThat(referral).hasPassedInOrder(TASK_ATTACH_REFERRAL_LETTER, TASK_UPLOAD_REFERRAL_LETTER, TASK_MAINTAIN_REFERRAL_LETTER);
        assertThat(processEngine.getHistoryService().createHistoricVariableInstanceQuery().variableName(LETTER_OWED.name()).count())
                .as("letters the coordinator chose to add are owed to nobody").isZero();
        assertThat(ers.calls(TASK_READ_AVAILABLE_ACTIONS)).as("e-RS asked again after the letter changed the version").isEqualTo(2);
        // Dealt with in e-RS: followed on, not chased (a state the decision does not chase).
        assertThat(referral).isWaitingAt(EVENT_ERS_CHANGED);
        ers.followedState = "CANCELLED_REFERRAL";
        changed(referral, "CANCELLED_REFERRAL", WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA);
        assertThat(referral).isEnded().hasPassed(END_REFERRAL_CANCELLED_IN_ERS);
    }

    @Test
    void eachLetterPassUploadsItsNewFilesAndTheLetterKeepsTheEarlierOnesButNotThoseErsRefused() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE", Map.of(ReferralVariables.LETTER_ATTACHMENTS.name(), SpinValues.jsonValue(
                "[{\"variable\":\"referralLetter1\",\"url\":\"Binary/a\",\"fileName\":\"sent.pdf\",\"contentType\":\"application/pdf\",\"size\":4},"
                        + "{\"variable\":\"referralLetter2\",\"url\":\"Binary/b\",\"fileName\":\"refused.pdf\",\"contentType\":\"application/pdf\",\"size\":4}]").create(),
                ReferralVariables.ATTACH_LATER.name(), true));
        ers.followedState = "APPT_CANCELLED_BY_PROVIDER";
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "ADD_LETTER");
        answer(TASK_ATTACH_REFERRAL_LETTER, "referralLetter1", pdf());
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "ADD_LETTER");

        changed(referral, "APPT_CANCELLED_BY_PROVIDER", WorklistType.AWAITING_BOOKING,
                Map.of(REFUSED_LETTER_FILES.name(), SpinValues.jsonValue("[\"refused.pdf\"]").create()));

        // The second pass: "add later" was not carried over from sending, and the new file has the first pass's name.
        Task second = task(referral, TASK_ATTACH_REFERRAL_LETTER);
        assertThat(taskService().getVariable(second.getId(), ReferralVariables.ATTACH_LATER.name())).isEqualTo(false);
        assertThat(taskService().getVariable(second.getId(), "referralLetter1")).as("the first pass's file, uploaded").isNull();
        assertThat(runtimeService().getVariable(referral.getId(), ReferralVariables.LETTER_ATTACHMENTS.name()).toString())
                .contains("\"fileName\":\"sent.pdf\"")
                .doesNotContain("refused.pdf").contains("\"variable\":\"earlier-referralLetter1\"");
    }

    @Test
    void aLetterOutstandingReopensTheLetterTask() {
        ProcessInstance referral = follow("NOT_BOOKED", "ROUTINE");

        changed(referral, "NOT_BOOKED", WorklistType.LETTERS_OUTSTANDING, Map.of(LETTER_DUE.name(), "2026-12-10",
                LETTER_PROBLEMS.name(), "letter.pdf: threats found"));
        Task letter = task(referral, TASK_ATTACH_REFERRAL_LETTER);
        assertThat(taskService().getVariableLocal(letter.getId(), LETTER_OWED.name())).isEqualTo(
                "e-RS is waiting for this referral's letter, due by Thu 10 Dec 2026. e-RS could not take letter.pdf: threats found:"
                        + " attach a new file.");
        answer(TASK_ATTACH_REFERRAL_LETTER, ReferralVariables.ATTACH_LATER.name(), true);
        drive(referral);

        assertThat(referral).hasPassed(TASK_ATTACH_REFERRAL_LETTER).hasNotPassed(TASK_MAINTAIN_REFERRAL_LETTER);
        assertThat(referral).isWaitingAt(GATEWAY_WAITING_TO_CHASE);
        assertThat(runtimeService().getVariable(referral.getId(), LETTER_DUE.name())).as("owed no longer, until told again").isNull();
    }

    @Test
    void aChangeThatNeedsNothingKeepsTheReferralWaiting() {
        ProcessInstance referral = follow("DEFERRED_TO_PROVIDER", "ROUTINE");

        changed(referral, "BOOKED", null);

        assertThat(referral).isWaitingAt(GATEWAY_WAITING_FOR_APPOINTMENT);
        assertThat(ers.statesSeen.seen).containsExactly(START_REFERRAL_SENT + ":DEFERRED_TO_PROVIDER",
                EVENT_ERS_CHANGED_WHILE_WAITING + ":BOOKED");
    }

    // ---------------------------------------------------------------- chasing

    @Test
    void aShortlistThePatientNeverBookedIsChasedAndBookedForThem() {
        ProcessInstance referral = follow("NOT_BOOKED", "TWO_WEEK_WAIT");
        assertThat(runtimeService().getVariable(referral.getId(), CHASE_AFTER.name())).isEqualTo("P2D");
        ers.followedState = "NOT_BOOKED";
        ers.freeSlots = 0;
        answer(TASK_CONTACT_PATIENT, FOLLOW_UP_CHOICE.name(), "BOOK", ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);

        execute(timer(referral));
        drive(referral);

        // No free slot: deferred to the provider, as when sending.
        assertThat(referral).hasPassedInOrder(EVENT_CHASE_DUE, TASK_CHECK_STILL_WAITING, TASK_CONTACT_PATIENT, TASK_RETRIEVE_SLOTS,
                TASK_DEFER_TO_PROVIDER, TASK_GENERATE_PATIENT_LETTER);
        assertThat(runtimeService().getVariable(referral.getId(), ReferralVariables.OUTCOME.name())).isEqualTo("DEFERRED_TO_PROVIDER");
    }

    @Test
    void bookingForThePatientNeedsAServiceOfTheShortlist() {
        Map<String, Object> leftForThePatient = new HashMap<>();
        leftForThePatient.put(ReferralVariables.BOOK_SERVICE_ID.name(), null);
        ProcessInstance referral = follow("NOT_BOOKED", "URGENT", leftForThePatient);
        ers.followedState = "NOT_BOOKED";
        execute(timer(referral));
        drive(referral);
        Task task = task(referral, TASK_CONTACT_PATIENT);

        assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of(FOLLOW_UP_CHOICE.name(), "BOOK")))
                .hasMessageContaining("bookServiceId: choose the service");
        assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of(FOLLOW_UP_CHOICE.name(), "BOOK",
                ReferralVariables.BOOK_SERVICE_ID.name(), TRIAGE_SERVICE))).hasMessageContaining("bookServiceId: that service is not");
        assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of(FOLLOW_UP_CHOICE.name(), "CANCEL",
                ReferralVariables.CANCELLATION_COMMENT.name(), "x".repeat(1001)))).hasMessageContaining("cancellationComment: at most 1000");
        assertThat(taskService().getVariableLocal(task.getId(), FollowUpChoices.CANCELLATION_REASON_OPTIONS.name()).toString())
                .contains("NO_LONGER_REQUIRED");
        assertThatThrownBy(() -> taskService().complete(task.getId(), Map.of(FOLLOW_UP_CHOICE.name(), "CANCEL",
                ReferralVariables.CANCELLATION_REASON.name(), "NOT_A_REASON"))).hasMessageContaining("cancellationReason: choose one");
        taskService().complete(task.getId(), Map.of(FOLLOW_UP_CHOICE.name(), "CANCEL",
                ReferralVariables.CANCELLATION_REASON.name(), "NO_LONGER_REQUIRED"));
        drive(referral);
        assertThat(referral).isEnded().hasPassed(END_CANCELLED_BY_COORDINATOR);
        assertThat(historicVariable(referral, ReferralVariables.CANCELLATION_REASON.name())).isEqualTo("NO_LONGER_REQUIRED");
    }

    @Test
    void aProviderWhoHasNotActedIsChasedAndTheReferralWaitsAgain() {
        ProcessInstance referral = follow("DEFERRED_TO_PROVIDER", "URGENT");
        ers.followedState = "DEFERRED_TO_PROVIDER";
        answer(TASK_CHASE_PROVIDER, FOLLOW_UP_CHOICE.name(), "KEEP_WAITING");

        execute(timer(referral));
        drive(referral);

        assertThat(referral).hasPassed(TASK_CHASE_PROVIDER).isWaitingAt(GATEWAY_WAITING_TO_CHASE);
        // The choice was acted on: the next wait starts without it.
        assertThat(runtimeService().getVariable(referral.getId(), FOLLOW_UP_CHOICE.name())).isNull();
    }

    @Test
    void aChasedProviderReferralCanGetANewPatientLetter() {
        ProcessInstance referral = follow("AWAITING_TRIAGE", "ROUTINE");
        ers.followedState = "AWAITING_TRIAGE";
        answer(TASK_CHASE_PROVIDER, FOLLOW_UP_CHOICE.name(), "NEW_LETTER");

        execute(timer(referral));
        drive(referral);

        assertThat(referral).hasPassedInOrder(TASK_CHASE_PROVIDER, TASK_GENERATE_PATIENT_LETTER, TASK_READ_REFERRAL_AFTER_CHANGE)
                .isWaitingAt(GATEWAY_WAITING_TO_CHASE);
    }

    @Test
    void aReferralThatChangedBeforeItsChaseIsActedOnInstead() {
        ProcessInstance referral = follow("NOT_BOOKED", "ROUTINE");
        ers.followedState = "BOOKED";

        execute(timer(referral));
        drive(referral);

        assertThat(referral).hasPassed(TASK_CHECK_STILL_WAITING).hasNotPassed(TASK_CONTACT_PATIENT)
                .isWaitingAt(GATEWAY_WAITING_FOR_APPOINTMENT);
    }

    // ---------------------------------------------------------------- booking choices

    @Test
    void aCoordinatorCanDeferTheRebookingToTheProvider() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE");
        ers.followedState = "DEFERRED_TO_PROVIDER";
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "BOOK");
        answer(TASK_CHOOSE_SLOT, ReferralVariables.DEFER_TO_PROVIDER.name(), true);

        changed(referral, "APPT_CANCELLED_BY_PROVIDER", WorklistType.AWAITING_BOOKING);

        assertThat(referral).hasPassed(TASK_DEFER_TO_PROVIDER).hasNotPassed(TASK_BOOK_APPOINTMENT);
    }

    @Test
    void aSlotTakenMeanwhileDefersTheRebooking() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE");
        ers.followedState = "DEFERRED_TO_PROVIDER";
        ers.failOnce(TASK_BOOK_APPOINTMENT, ERROR_SLOT_GONE);
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "BOOK");
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-1");

        changed(referral, "APPT_CANCELLED_BY_PROVIDER", WorklistType.AWAITING_BOOKING);

        assertThat(referral).hasPassed("BoundaryEvent_SlotGone", TASK_DEFER_TO_PROVIDER);
    }

    @Test
    void aProviderSystemThatDoesNotAnswerDefersTheRebooking() {
        ProcessInstance referral = follow("BOOKED", "ROUTINE");
        ers.followedState = "DEFERRED_TO_PROVIDER";
        ers.failOnce(TASK_BOOK_APPOINTMENT, ERROR_PROVIDER_UNAVAILABLE);
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "BOOK");
        answer(TASK_CHOOSE_SLOT, ReferralVariables.SLOT_ID.name(), "slot-1");

        changed(referral, "APPT_CANCELLED_BY_PROVIDER", WorklistType.AWAITING_BOOKING);

        assertThat(referral).hasPassed("BoundaryEvent_ProviderUnavailable", TASK_DEFER_TO_PROVIDER);
        assertThat(runtimeService().getVariable(referral.getId(), ReferralVariables.DEFERRAL_REASON.name()))
                .isEqualTo(ReferralVariables.DEFERRAL_BOOKING_ATTEMPT_PROBLEM);
    }

    // ---------------------------------------------------------------- referrals found in e-RS, cancellation

    @Test
    void aReferralFoundInErsIsTakenOnAndActedOn() {
        ProcessInstance referral = follow("REJECTED", "ROUTINE", Map.of(FOUND_IN_ERS.name(), true, ReferralVariables.ACTING_USER.name(), ""));
        Task takeOn = task(referral, TASK_TAKE_ON_ERS_REFERRAL);
        assertThat(taskService().getVariableLocal(takeOn.getId(), FOLLOW_UP_CHOICES.name()).toString()).contains("TAKE_ON", "LEAVE");
        ers.followedState = "REJECTED";
        answer(TASK_TAKE_ON_ERS_REFERRAL, FOLLOW_UP_CHOICE.name(), "TAKE_ON");
        answer(TASK_ACT_ON_RETURNED_REFERRAL, FOLLOW_UP_CHOICE.name(), "CANCEL");

        drive(referral);

        assertThat(referral).isEnded().hasPassedInOrder(TASK_TAKE_ON_ERS_REFERRAL, TASK_ACT_ON_RETURNED_REFERRAL, END_CANCELLED_BY_COORDINATOR);
        assertThat(historicVariable(referral, ReferralVariables.ACTING_USER.name())).isEqualTo(COORDINATOR);
    }

    @Test
    void aReferralFoundInErsThatIsNotOursIsLeftThere() {
        ProcessInstance referral = follow("NOT_BOOKED", "ROUTINE", Map.of(FOUND_IN_ERS.name(), true));
        answer(TASK_TAKE_ON_ERS_REFERRAL, FOLLOW_UP_CHOICE.name(), "LEAVE");

        drive(referral);

        assertThat(referral).isEnded().hasPassed(END_NOT_TAKEN_ON).hasNotPassed(TASK_DECIDE_CHASE);
    }

    @Test
    void aCancellationRequestedWhileFollowingCancelsTheReferralInErs() {
        ProcessInstance referral = follow("NOT_BOOKED", "ROUTINE");

        runtimeService().createMessageCorrelation(MESSAGE_CANCEL_REFERRAL).processInstanceId(referral.getId()).correlate();
        drive(referral);

        assertThat(referral).isEnded().hasPassed(TASK_CANCEL_ON_REQUEST, END_CANCELLED_ON_REQUEST);
    }

    // ---------------------------------------------------------------- helpers

    private ProcessInstance follow(String state, String priority) {
        return follow(state, priority, Map.of());
    }

    /** A referral handed to the follow-up at its outcome, as ers-referral's followUpStart does. */
    private ProcessInstance follow(String state, String priority, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(ReferralVariables.UBRN.name(), UBRN);
        variables.put(ReferralVariables.REFERRAL_VERSION.name(), "3");
        variables.put(ReferralVariables.NHS_NUMBER.name(), "9912003888");
        variables.put(ReferralVariables.PRIORITY.name(), priority);
        variables.put(ReferralVariables.SPECIALTY.name(), "CARDIOLOGY");
        variables.put(ReferralVariables.SPECIALTY_DISPLAY.name(), "Cardiology");
        variables.put(ReferralVariables.ACTING_USER.name(), COORDINATOR);
        variables.put(ReferralVariables.BOOK_SERVICE_ID.name(), DIRECT_SERVICE);
        variables.putAll(shortlist(DIRECT_SERVICE, INDIRECT_SERVICE));
        variables.put(ReferralVariables.BOOKABLE_SERVICES.name(), SpinValues.jsonValue(
                "[{\"value\":\"" + DIRECT_SERVICE + "\",\"label\":\"Good Cardiology Service\"}]").create());
        variables.put(ERS_STATUS.name(), state);
        variables.putAll(extra);
        ProcessInstance referral = runtimeService().startProcessInstanceByKey(FollowUp.PROCESS_KEY, "request-1", variables);
        drive(referral);
        return referral;
    }

    /** The worklist sync's message: e-RS changed the referral. */
    private void changed(ProcessInstance referral, String state, WorklistType worklist) {
        changed(referral, state, worklist, Map.of());
    }

    private void changed(ProcessInstance referral, String state, WorklistType worklist, Map<String, Object> extra) {
        Map<String, Object> variables = new HashMap<>(extra);
        variables.put(ERS_STATUS.name(), state);
        variables.put(ERS_WORKLIST.name(), worklist == null ? null : worklist.name());
        variables.put(ERS_STATUS_REASON.name(), "CLINICAL");
        variables.put(ERS_STATUS_COMMENTS.name(), "Please see the advice attached");
        runtimeService().createMessageCorrelation(MESSAGE_ERS_REFERRAL_CHANGED)
                .processInstanceVariableEquals(ReferralVariables.UBRN.name(), UBRN).setVariables(variables).correlate();
        drive(referral);
    }

    /** Runs the follow-up's due jobs (and its e-RS steps') and answers its tasks until it waits for something else. */
    private void drive(ProcessInstance referral) {
        for (int step = 0; step < 200; step++) {
            if (runtimeService().createProcessInstanceQuery().processInstanceId(referral.getId()).count() == 0) {
                return;
            }
            List<String> instances = new ArrayList<>(List.of(referral.getId()));
            runtimeService().createProcessInstanceQuery().superProcessInstanceId(referral.getId()).list()
                    .forEach(called -> instances.add(called.getId()));
            List<Job> jobs = instances.stream().flatMap(id -> processEngine.getManagementService().createJobQuery()
                    .processInstanceId(id).executable().messages().list().stream()).toList();
            if (!jobs.isEmpty()) {
                execute(jobs.get(0));
                continue;
            }
            List<Task> tasks = taskService().createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).list();
            Deque<Map<String, Object>> queued = tasks.isEmpty() ? null : answers.get(tasks.get(0).getTaskDefinitionKey());
            if (queued == null || queued.isEmpty()) {
                return;
            }
            taskService().complete(tasks.get(0).getId(), queued.poll());
        }
        throw new AssertionError("follow-up did not settle within 200 steps");
    }

    private Job timer(ProcessInstance referral) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(referral.getId()).timers().singleResult();
    }

    private Task task(ProcessInstance referral, String taskDefinitionKey) {
        return taskService().createTaskQuery().processInstanceId(referral.getId()).taskDefinitionKey(taskDefinitionKey).singleResult();
    }

    private Object historicVariable(ProcessInstance referral, String name) {
        return processEngine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(referral.getId())
                .variableName(name).singleResult().getValue();
    }

    private void answer(String taskKey, Object... nameValuePairs) {
        answers.computeIfAbsent(taskKey, k -> new ArrayDeque<>()).add(NameValuePairs.variables(nameValuePairs));
    }

    private static Map<String, Object> shortlist(String... serviceIds) {
        return Map.of(ReferralVariables.SHORTLIST.name(), SpinValues.jsonValue("[" + String.join(",",
                java.util.Arrays.stream(serviceIds).map(id -> "\"" + id + "\"").toList()) + "]").create());
    }

    private static Object pdf() {
        return Variables.fileValue("letter.pdf").file(new ByteArrayInputStream("%PDF-1.4 test".getBytes()))
                .mimeType("application/pdf").create();
    }
}
