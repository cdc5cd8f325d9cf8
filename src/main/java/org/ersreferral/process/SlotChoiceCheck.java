package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The slot task completes with one of the slots offered, or with a deferral to the provider. */
@Component("slotChoiceCheck")
public class SlotChoiceCheck implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        boolean defer = variables.flag(ReferralVariables.DEFER_TO_PROVIDER);
        variables.set(ReferralVariables.DEFER_TO_PROVIDER, defer);
        if (defer) {
            // None of the offered slots suits the patient: e-RS treats this as no slot at the service.
            variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_NO_SLOTS);
            return;
        }
        String slotId = variables.string(ReferralVariables.SLOT_ID);
        if (slotId == null) {
            throw new TaskCompletionRefused("Choose a slot, or defer the booking to the provider");
        }
        boolean offered = variables.objectList(ReferralVariables.SLOTS).stream().anyMatch(s -> slotId.equals(s.get("value")));
        if (!offered) {
            throw new TaskCompletionRefused("Slot " + slotId + " is not one of the free slots offered");
        }
    }
}
