package org.ersreferral.process;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.ersreferral.ers.ReferralStatus;
import org.ersreferral.ers.WorklistType;

/**
 * The {@code ers-referral-follow-up} process: after a referral reaches its outcome at sending (booked,
 * deferred, sent for triage, left for the patient to book) it follows the referral in e-RS until the
 * pathway ends, and gives coordinators a task when e-RS hands the referral back. Its ids, the message
 * that tells it e-RS changed the referral, and its variables.
 *
 * <p>One instance per referral, with the referral's business key, organisation (tenant) and {@code ubrn}.
 * The worklist sync correlates {@link #MESSAGE_ERS_REFERRAL_CHANGED} by {@code ubrn} and tenant to the
 * instance waiting for it, with the {@code ers*} variables below as the message's variables.
 */
public final class FollowUp {

    public static final String PROCESS_KEY = "ers-referral-follow-up";
    /** e-RS changed a followed referral; variables: {@link #ERS_STATUS} and the rest of this class's {@code ERS_*}. */
    public static final String MESSAGE_ERS_REFERRAL_CHANGED = "ErsReferralChanged";
    /** The patient asked to change their booked appointment: cancel it (A034) and book again. */
    public static final String MESSAGE_CHANGE_APPOINTMENT = "ChangeAppointment";
    /** Decides how long a waiting referral may wait before it is chased (bpmn/follow-up-chase-after.dmn). */
    public static final String DECISION_CHASE_AFTER = "follow-up-chase-after";

    // Events (the e-RS steps and the tasks shared with ers-referral keep their ReferralProcess ids)
    public static final String START_REFERRAL_SENT = "StartEvent_ReferralSent";
    public static final String EVENT_ERS_CHANGED_WHILE_BOOKED = "Event_ErsChangedWhileBooked";
    public static final String EVENT_ERS_CHANGED_WHILE_WAITING = "Event_ErsChangedWhileWaiting";
    public static final String EVENT_ERS_CHANGED = "Event_ErsChanged";
    public static final String EVENT_CHASE_DUE = "Event_ChaseDue";
    public static final String EVENT_APPOINTMENT_DATE_PASSED = "Event_AppointmentDatePassed";
    public static final String EVENT_APPOINTMENT_CHANGE_ASKED = "Event_AppointmentChangeAsked";
    public static final String END_APPOINTMENT_PASSED = "EndEvent_AppointmentPassed";
    public static final String END_REFERRAL_CANCELLED_IN_ERS = "EndEvent_ReferralCancelledInErs";
    public static final String END_CANCELLED_BY_COORDINATOR = "EndEvent_CancelledByCoordinator";
    public static final String END_NOT_TAKEN_ON = "EndEvent_NotTakenOn";
    public static final String END_CANCELLED_ON_REQUEST = "EndEvent_CancelledOnRequest";
    public static final String SUBPROCESS_CANCELLATION_REQUESTED = "SubProcess_CancellationRequested";

    // Tasks of this process only
    public static final String TASK_TAKE_ON_ERS_REFERRAL = "Task_TakeOnErsReferral";
    public static final String TASK_ACT_ON_RETURNED_REFERRAL = "Task_ActOnReturnedReferral";
    public static final String TASK_CONTACT_PATIENT = "Task_ContactPatient";
    public static final String TASK_CHASE_PROVIDER = "Task_ChaseProvider";
    public static final String TASK_DECIDE_CHASE = "Task_DecideChase";
    public static final String TASK_READ_APPOINTMENT = "Task_ReadAppointment";
    public static final String TASK_CANCEL_APPOINTMENT = "Task_CancelAppointment";
    public static final String TASK_READ_AVAILABLE_ACTIONS = "Task_ReadAvailableActions";
    public static final String TASK_CHANGE_SHORTLIST = "Task_ChangeShortlist";
    public static final String TASK_CHECK_STILL_WAITING = "Task_CheckStillWaiting";
    public static final String TASK_READ_REFERRAL_AFTER_CHANGE = "Task_ReadReferralAfterChange";
    public static final String TASK_CANCEL_FOLLOWED_REFERRAL = "Task_CancelFollowedReferral";
    public static final String TASK_CANCEL_ON_REQUEST = "Task_CancelOnRequest";

    // Gateways
    public static final String GATEWAY_FOUND_IN_ERS = "Gateway_FoundInErs";
    public static final String GATEWAY_TAKEN_ON = "Gateway_TakenOn";
    public static final String GATEWAY_WAIT_AGAIN = "Gateway_WaitAgain";
    public static final String GATEWAY_HOW_TO_WAIT = "Gateway_HowToWait";
    public static final String GATEWAY_WAITING_FOR_APPOINTMENT = "Gateway_WaitingForAppointment";
    public static final String GATEWAY_WAITING_TO_CHASE = "Gateway_WaitingToChase";
    public static final String GATEWAY_WHAT_HAS_ERS_DONE = "Gateway_WhatHasErsDone";
    public static final String GATEWAY_RETURNED_CHOICE = "Gateway_ReturnedChoice";
    public static final String GATEWAY_STILL_WAITING = "Gateway_StillWaiting";
    public static final String GATEWAY_CHASE_CHOICE = "Gateway_ChaseChoice";
    public static final String GATEWAY_AFTER_LETTERS = "Gateway_AfterLetters";
    public static final String GATEWAY_TO_BOOKING = "Gateway_ToBooking";

    /** The referral's state in e-RS as the process last saw it: a {@link ReferralStatus} name (A005's spelling). */
    public static final ProcessVariable<ReferralStatus> ERS_STATUS = ProcessVariable.enumerated("ersStatus", ReferralStatus.class);
    /** Why it is in that state: the e-RS reason code, and its display name from A004, or null. */
    public static final ProcessVariable<String> ERS_STATUS_REASON = ProcessVariable.string("ersStatusReason");
    public static final ProcessVariable<String> ERS_STATUS_REASON_DISPLAY = ProcessVariable.string("ersStatusReasonDisplay");
    /** The provider's comments (or advice) with that state, as e-RS gives them, or null. */
    public static final ProcessVariable<String> ERS_STATUS_COMMENTS = ProcessVariable.string("ersStatusComments");
    /** e-RS's {@code referralLastUpdated} of that state, ISO 8601, or null. */
    public static final ProcessVariable<String> ERS_LAST_UPDATED = ProcessVariable.string("ersLastUpdated");
    /** The worklist the change was found on, or null when the referral had left the lists. */
    public static final ProcessVariable<WorklistType> ERS_WORKLIST = ProcessVariable.enumerated("ersWorklist", WorklistType.class);
    /** When the referral letter is due (letters outstanding), ISO date, or null. */
    public static final ProcessVariable<String> LETTER_DUE = ProcessVariable.string("letterDue");
    /**
     * The referral letter's files e-RS's checks refused, in words ("letter.pdf: threats found"), or null;
     * from A005 with each message and read. A new file is asked for.
     */
    public static final ProcessVariable<String> LETTER_PROBLEMS = ProcessVariable.string("letterProblems");
    /** File names of the letter's files e-RS's checks refused (Json list), or empty: left out when the letter is changed. */
    public static final ProcessVariable<List<String>> REFUSED_LETTER_FILES = ProcessVariable.jsonList("refusedLetterFiles", String.class);
    /** Task-local on the follow-up's "Attach referral letter": why e-RS is waiting for a letter, in words; absent when it is not. */
    public static final ProcessVariable<String> LETTER_OWED = ProcessVariable.string("letterOwed");
    /** Set at the start of an instance the sync started for a referral e-RS has and this product did not make. */
    public static final ProcessVariable<Boolean> FOUND_IN_ERS = ProcessVariable.flag("foundInErs");

    /** The coordinator's choice on the follow-up tasks: one of {@link Choice}'s names. */
    public static final ProcessVariable<Choice> FOLLOW_UP_CHOICE = ProcessVariable.enumerated("followUpChoice", Choice.class);
    /** Json list of {@code {label, value}}: the choices a follow-up task offers now (A029 decides most). */
    public static final ProcessVariable<List<CodeOption>> FOLLOW_UP_CHOICES = ProcessVariable.jsonList("followUpOptions", CodeOption.class);
    /** Json list of the {@link org.ersreferral.ers.AvailableAction} names e-RS allowed on the referral's current version (A029). */
    public static final ProcessVariable<List<String>> AVAILABLE_ACTIONS = ProcessVariable.jsonList("availableActions", String.class);
    /** Set by the decision: ISO 8601 duration before a waiting referral is chased; null when it is not chased. */
    public static final ProcessVariable<String> CHASE_AFTER = ProcessVariable.string("chaseAfter");
    /** When to stop following a booked referral if e-RS reports nothing: its appointment plus the attendance window; ISO 8601. */
    public static final ProcessVariable<String> ATTENDANCE_CHECK_DUE = ProcessVariable.string("attendanceCheckDue");
    /** Message variables of {@link #MESSAGE_CHANGE_APPOINTMENT}: a referrer's APPOINTMENT-CANCELLATION-REASON code, and why in words. */
    public static final ProcessVariable<String> APPOINTMENT_CANCELLATION_REASON = ProcessVariable.string("appointmentCancellationReason");
    public static final ProcessVariable<String> APPOINTMENT_CANCELLATION_COMMENT = ProcessVariable.string("appointmentCancellationComment");
    /** The state in words ({@link org.ersreferral.process.ErsReferralStatus}), for the tasks' forms. */
    public static final ProcessVariable<String> ERS_STATUS_DISPLAY = ProcessVariable.string("ersStatusDisplay");

    /** What a coordinator may choose on a follow-up task; each task offers those that fit and e-RS allows. */
    public enum Choice {
        /** Take on a referral found in e-RS: the coordinator becomes the person its calls act as. */
        TAKE_ON("Take on this referral and follow it here"),
        LEAVE("Not ours to follow here: leave it in e-RS"),
        BOOK("Book an appointment"),
        CHANGE_SHORTLIST("Choose a new shortlist"),
        SEND_TO_TRIAGE("Send to another triage service"),
        ADD_LETTER("Add or replace referral letter files"),
        NEW_LETTER("Give the patient a new letter"),
        CANCEL("Cancel the referral in e-RS"),
        DEALT_WITH("Keep following: it was dealt with in e-RS"),
        KEEP_WAITING("Keep waiting");

        private final String label;

        Choice(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public CodeOption option() {
            return new CodeOption(label, name(), null);
        }
    }

    /** The letter's files e-RS refused, in words for the coordinator; null when none was. */
    public static String letterProblems(List<org.ersreferral.ers.ReferralState.UnavailableAttachment> unavailable) {
        if (unavailable == null || unavailable.isEmpty()) {
            return null;
        }
        return String.join("; ", unavailable.stream().map(file -> (file.description() == null ? "a file" : file.description()) + ": "
                + ("THREATS_FOUND".equals(file.status()) ? "threats found" : "failed e-RS's checks")).toList());
    }

    /** The file names of the letter's files e-RS refused, for {@link #REFUSED_LETTER_FILES}. */
    public static List<String> refusedLetterFiles(List<org.ersreferral.ers.ReferralState.UnavailableAttachment> unavailable) {
        return unavailable.stream().map(org.ersreferral.ers.ReferralState.UnavailableAttachment::description)
                .filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The running follow-ups of the referral with this UBRN in this organisation (tenant; null: none): where the
     * worklist sync tells what changed, and what a referral's own follow-up replaces when it starts.
     */
    public static ProcessInstanceQuery runningOf(RuntimeService runtime, String organisation, String ubrn) {
        ProcessInstanceQuery query = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .variableValueEquals(ReferralVariables.UBRN.name(), ubrn);
        return organisation == null ? query.withoutTenantId() : query.tenantIdIn(organisation);
    }

    private FollowUp() {
    }
}
