package org.ersreferral.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Clears what one pass through the follow-up left behind before the next, so a gateway never reads an
 * earlier task's choice or an earlier booking's slot (execution listeners in the model).
 */
@Component("followUpResets")
public class FollowUpResets {

    /** How an earlier pass's letter file is named in the letter's attachments. */
    static final String EARLIER = "earlier-";

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
        // Words typed on a task that chose to wait are not a later cancellation's.
        ReferralVariables.CANCELLATION_REASON.clear(execution);
        ReferralVariables.CANCELLATION_COMMENT.clear(execution);
    }

    /**
     * The letter task opens again: its box "add later" unticked; the files of earlier passes stay listed in the letter
     * (A012 names them all) but under a name no new file of the form can have, so each new file is uploaded; files
     * e-RS refused are left out.
     */
    public void forNewLetter(DelegateExecution execution) {
        execution.setVariable(ReferralVariables.ATTACH_LATER.name(), false);
        List<String> refused = FollowUp.REFUSED_LETTER_FILES.from(execution);
        List<LetterUpload> kept = ReferralVariables.LETTER_ATTACHMENTS.from(execution).stream()
                .filter(upload -> !refused.contains(upload.fileName()))
                .map(upload -> upload.variable().startsWith(EARLIER) ? upload
                        : new LetterUpload(EARLIER + upload.variable(), upload.url(), upload.fileName(), upload.contentType(), upload.size()))
                .toList();
        ReferralVariables.LETTER_ATTACHMENTS.set(execution, kept);
        for (String name : List.copyOf(execution.getVariableNames())) {
            if (FormFields.LETTER_FILE_NAME.matcher(name).matches()) {
                execution.removeVariable(name);
            }
        }
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
