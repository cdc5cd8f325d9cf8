package org.ersreferral.process;

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
    /** Coordinator tasks: a referral handed back, and the chasers of one left waiting (raised when created, resolved when completed). */
    public static final String TASK_ACT_ON_RETURNED_REFERRAL = "Task_ActOnReturnedReferral";
    public static final String TASK_CONTACT_PATIENT = "Task_ContactPatient";
    public static final String TASK_CHASE_PROVIDER = "Task_ChaseProvider";
    public static final String TASK_TAKE_ON_ERS_REFERRAL = "Task_TakeOnErsReferral";
    /** Ends of the pathway. */
    public static final String END_APPOINTMENT_PASSED = "EndEvent_AppointmentPassed";
    public static final String END_REFERRAL_CANCELLED_IN_ERS = "EndEvent_ReferralCancelledInErs";
    public static final String END_CANCELLED_BY_COORDINATOR = "EndEvent_CancelledByCoordinator";

    /** e-RS changed a followed referral; variables: {@link #ERS_STATUS} and the rest of this class's {@code ERS_*}. */
    public static final String MESSAGE_ERS_REFERRAL_CHANGED = "ErsReferralChanged";

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
    /** Set at the start of an instance the sync started for a referral e-RS has and this product did not make. */
    public static final ProcessVariable<Boolean> FOUND_IN_ERS = ProcessVariable.flag("foundInErs");
    /** Start variable of an instance the application starts outside a referral: the organisation it belongs to. */
    public static final ProcessVariable<String> ORGANISATION = ProcessVariable.string("organisation");

    private FollowUp() {
    }
}
