package org.ersreferral.process.delegate;

import java.util.List;
import org.ersreferral.ers.AvailableAction;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ReferralState;
import org.ersreferral.process.FollowUp;
import org.ersreferral.process.ReferralVariables;
import org.springframework.stereotype.Component;

/**
 * A005 then A029: the referral as e-RS has it now, and what e-RS lets the referral's person do with
 * that version. Read each time the returned referral's task is made, never cached (the specification
 * says so: the actions change with the version).
 */
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
        List<String> actions = ers.availableActions(call, state.ubrn() == null ? variables.ubrn() : state.ubrn(), state.version())
                .stream().map(AvailableAction::name).sorted().toList();
        variables.set(FollowUp.AVAILABLE_ACTIONS, actions);
    }
}
