package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Clears what one pass through the follow-up left behind before the next, so a gateway never reads an
 * earlier task's choice or an earlier booking's slot (execution listeners in the model).
 */
@Component("followUpResets")
public class FollowUpResets {

    /** At the start: the variables the model's conditions read are declared, whoever started it and with what. */
    public void atStart(DelegateExecution execution) {
        declare(execution, FollowUp.FOUND_IN_ERS.name(), false);
        declare(execution, FollowUp.ERS_WORKLIST.name(), null);
        declare(execution, FollowUp.FOLLOW_UP_CHOICE.name(), null);
        declare(execution, ReferralVariables.PATIENT_LETTER_TASK.name(), false);
        declare(execution, ReferralVariables.ATTACH_LATER.name(), false);
    }

    private static void declare(DelegateExecution execution, String name, Object absent) {
        if (!execution.hasVariable(name) || execution.getVariable(name) == null && absent != null) {
            execution.setVariable(name, absent);
        }
    }

    /** Waiting again: the last task's choice was acted on. */
    public void forNewWait(DelegateExecution execution) {
        FollowUp.FOLLOW_UP_CHOICE.clear(execution);
        // A letter owed was attached, or not asked for: the next message or read says it again if still owed.
        FollowUp.LETTER_DUE.clear(execution);
        FollowUp.LETTER_PROBLEMS.clear(execution);
    }

    /** A new search: the shortlist it leads to decides anew what is booked now, or sent for triage. */
    public void forNewShortlist(DelegateExecution execution) {
        ReferralVariables.BOOK_SERVICE_ID.clear(execution);
        execution.setVariable(ReferralVariables.TRIAGE_SERVICE.name(), false);
    }

    /** Booking again: a new slot search, a new choice, no earlier deferral reason. */
    public void forNewBooking(DelegateExecution execution) {
        ReferralVariables.SLOT_ID.clear(execution);
        ReferralVariables.DEFER_TO_PROVIDER.clear(execution);
        ReferralVariables.DEFERRAL_REASON.clear(execution);
        ReferralVariables.DEFERRAL_COMMENT.clear(execution);
    }
}
