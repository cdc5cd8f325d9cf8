package org.ersreferral.simulator;

import java.net.URI;
import org.ersreferral.ers.ErsProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * With the simulator off, {@code ers.base-url} must point at e-RS: a start that would send every
 * e-RS call to a simulator that is not there stops at once, saying what to set.
 */
@Component
@Conditional(SimulatorSwitch.Off.class)
class SimulatorOffGuard {

    SimulatorOffGuard(ErsProperties ers, @Value("${server.port:8080}") int ownPort) {
        if (ers.embeddedSimulator() && portOf(ers.baseUrl()) == ownPort) {
            throw new IllegalStateException("ers.base-url (ERS_BASE_URL) is " + ers.baseUrl() + ", the embedded e-RS "
                    + "simulator, but the simulator is off (" + SimulatorSwitch.ENABLED + " is false, or unset with "
                    + SimulatorSwitch.DEMO_MODE + "=false): set ERS_BASE_URL to e-RS, or ERS_SIMULATOR_ENABLED=true");
        }
    }

    private static int portOf(String url) {
        URI uri = URI.create(url.trim());
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
