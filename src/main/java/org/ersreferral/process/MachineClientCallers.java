package org.ersreferral.process;

import org.ersreferral.security.machine.MachineClient;
import org.springframework.stereotype.Component;

/** A user is a machine client when this request authenticated with that client's bearer token. */
@Component
class MachineClientCallers implements MachineCallers {

    @Override
    public boolean isMachine(String userId) {
        return MachineClient.current(userId).isPresent();
    }
}
