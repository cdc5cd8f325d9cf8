package org.ersreferral.process.delegate;

import java.util.List;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.Slot;
import org.ersreferral.process.ReferralVariables;
import org.ersreferral.process.step.ErsSteps;
import org.springframework.stereotype.Component;

/** A015: free slots of the service chosen for booking, offered to the slot form; none means deferral to the provider. */
@Component("retrieveSlotsDelegate")
class RetrieveSlotsDelegate extends ErsTaskDelegate {

    private final ErsSteps steps;

    RetrieveSlotsDelegate(ErsSteps steps) {
        this.steps = steps;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        String serviceId = variables.get(ReferralVariables.BOOK_SERVICE_ID);
        List<Slot> slots = steps.freeSlots(call, serviceId, variables.priority().name());
        variables.set(ReferralVariables.SLOTS, TaskLabels.slots(slots, serviceId, variables.get(ReferralVariables.SERVICES)));
        variables.set(ReferralVariables.SLOT_COUNT, slots.size());
        if (slots.isEmpty()) {
            variables.set(ReferralVariables.DEFERRAL_REASON, ReferralVariables.DEFERRAL_NO_SLOTS);
        }
    }
}
