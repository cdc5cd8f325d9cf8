package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * After a create got no answer, the coordinator looks the referral up in e-RS: a UBRN (12 digits)
 * when it was created, none when it was not (then it is created again). A UBRN found is the
 * referral's from then on.
 */
@Component("reconciliationCheck")
public class ReconciliationCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        String ubrn = variables.get(ReferralVariables.UBRN);
        if (ubrn == null) {
            variables.clear(ReferralVariables.UBRN);
            return;
        }
        String digits = ubrn.replaceAll("\\s", "");
        if (!digits.matches("\\d{12}")) {
            throw new TaskCompletionRefused("A UBRN is 12 digits; leave it empty if e-RS shows no such referral");
        }
        variables.set(ReferralVariables.UBRN, digits);
        ReferralVariables referral = ReferralVariables.of(ErsStepDelegates.referralScope(task));
        referral.set(ReferralVariables.UBRN, digits);
        referral.clear(ReferralVariables.REFERRAL_VERSION);
        if (ReferralProcess.TASK_CREATE_REFERRAL_AND_SEND_FOR_TRIAGE.equals(referral.get(ReferralVariables.ERS_FAILED_STEP))) {
            referral.recordErsResult(Outcome.SENT_FOR_TRIAGE);
        }
    }
}
