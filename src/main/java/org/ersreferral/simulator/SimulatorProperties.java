package org.ersreferral.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded e-RS simulator, bound from {@code ers.simulator.*}.
 *
 * @param enabled     serve the simulator below {@code /ers-sim}
 * @param accessToken the static bearer token the simulator accepts (besides tokens it issued itself)
 */
@ConfigurationProperties("ers.simulator")
record SimulatorProperties(Boolean enabled, String accessToken) {

    SimulatorProperties {
        if (enabled == null) {
            enabled = Boolean.TRUE;
        }
        if (accessToken == null || accessToken.isBlank()) {
            accessToken = "simulator-access-token";
        }
    }
}
