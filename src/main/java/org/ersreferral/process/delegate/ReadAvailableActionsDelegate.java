package org.ersreferral.process.delegate;

import org.ersreferral.ers.AvailableAction;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/** A005 then A029: the referral now, and what e-RS lets its person do with that version (never cached: it changes with it). */
@Component("readAvailableActionsDelegate")
class ReadAvailableActionsDelegate extends ErsTaskDelegate {

    private final ErsClient ers;
    private final FollowedStates states;

    ReadAvailableActionsDelegate(ErsClient ers, FollowedStates states) {
        this.ers = ers;
        this.states = states;
    }

    @Override
    void perform(ReferralVariables variables, ErsCall call) {
        ReferralState state = ers.retrieveReferral(call, variables.ubrn());
        states.record(variables, call, state);
        variables.set(FollowUp.AVAILABLE_ACTIONS, ers.availableActions(call, variables.ubrn(), state.version()).stream()
                .map(AvailableAction::name).sorted().toList());
    }
}
