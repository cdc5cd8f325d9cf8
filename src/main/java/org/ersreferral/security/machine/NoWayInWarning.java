package org.ersreferral.security.machine;

import org.ersreferral.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Outside demo mode the APIs and {@code /engine-rest} take bearer tokens only; without an issuer
 * they take nothing at all. Legitimate for a start that serves people only, so a warning, not a refusal.
 */
@Component
class NoWayInWarning {

    private static final Logger LOG = LoggerFactory.getLogger(NoWayInWarning.class);

    private final SecurityProperties security;
    private final MachineClientProperties machineClients;

    NoWayInWarning(SecurityProperties security, MachineClientProperties machineClients) {
        this.security = security;
        this.machineClients = machineClients;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnWhenNothingGetsIn() {
        if (!security.demoUsersEnabled() && !machineClients.enabled()) {
            LOG.warn("Demo mode is off and no machine-client token issuer is set (ERS_API_ISSUER): /api/referrals,"
                    + " /api/analytics and /engine-rest refuse every call. See README, Machine clients.");
        }
    }
}
