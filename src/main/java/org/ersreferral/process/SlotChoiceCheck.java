package org.ersreferral.process;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The slot task completes with one of the slots offered, or with a deferral to the provider. */
@Component("slotChoiceCheck")
public class SlotChoiceCheck implements TaskListener {

    static final String DEFAULT_DEFERRAL_COMMENT = "None of the available slots suits the patient";

    @Override
    public void notify(DelegateTask task) {
        ReferralVariables variables = ReferralVariables.of(task);
        boolean defer = variables.get(ReferralVariables.DEFER_TO_PROVIDER);
        variables.set(ReferralVariables.DEFER_TO_PROVIDER, defer);
        if (defer) {
            // e-RS defers only when no advertised slot can be used, and refuses "no slots" while slots
            // are free: so the reason is SLOT_NOT_AVAILABLE, with the coordinator's words for the provider
            // and no slot named (naming a free slot would be refused too).
            variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_SLOT_NOT_AVAILABLE);
            variables.clear(ReferralVariables.SLOT_ID);
            if (variables.get(ReferralVariables.DEFERRAL_COMMENT) == null) {
                variables.set(ReferralVariables.DEFERRAL_COMMENT, DEFAULT_DEFERRAL_COMMENT);
            }
            return;
        }
        String slotId = variables.get(ReferralVariables.SLOT_ID);
        if (slotId == null) {
            throw new TaskCompletionRefused("Choose a slot, or defer the booking to the provider");
        }
        // The slots e-RS offered, as the process stored them: never a value given with the completion.
        boolean offered = ReferralVariables.of(task.getExecution()).get(ReferralVariables.SLOTS).stream()
                .anyMatch(s -> slotId.equals(s.value()));
        if (!offered) {
            throw new TaskCompletionRefused("Slot " + slotId + " is not one of the free slots offered");
        }
    }
}
