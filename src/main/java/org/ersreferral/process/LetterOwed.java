package org.ersreferral.process;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The follow-up's "Attach referral letter": says why e-RS is waiting for a letter (when it is due, which
 * files e-RS's checks refused), task-local {@link FollowUp#LETTER_OWED}, which the form shows. Nothing
 * when the coordinator chose to add letters themselves.
 */
@Component("letterOwedNotice")
public class LetterOwed implements TaskListener {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.UK);

    @Override
    public void notify(DelegateTask task) {
        String text = owed(ReferralVariables.of(task));
        if (text != null) {
            FollowUp.LETTER_OWED.setLocal(task, text);
        }
    }

    static String owed(ReferralVariables variables) {
        String due = variables.get(FollowUp.LETTER_DUE);
        String problems = variables.get(FollowUp.LETTER_PROBLEMS);
        if (due == null && problems == null) {
            return null;
        }
        StringBuilder text = new StringBuilder("e-RS is waiting for this referral's letter");
        if (due != null) {
            text.append(", due by ").append(LocalDate.parse(due).format(DAY));
        }
        text.append('.');
        if (problems != null) {
            text.append(" e-RS could not take ").append(problems).append(": attach a new file.");
        }
        return text.toString();
    }
}
