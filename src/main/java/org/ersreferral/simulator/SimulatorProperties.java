package org.ersreferral.simulator;

import java.util.List;
import org.ersreferral.ers.Secrets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded e-RS simulator, bound from {@code ers.simulator.*}.
 *
 * @param enabled             serve the simulator below {@code /ers-sim}; unset = on in demo mode only, see {@link SimulatorSwitch}
 * @param accessToken         a fixed bearer token the simulator accepts; blank = a random one per start
 * @param smartcardToken      a fixed smartcard token A001 accepts; blank = a random one per start
 * @param clientPublicKey     the application's registered public key for signed-JWT client assertions:
 *                            X.509 PEM or a JWK set (JSON, keys matched by {@code kid})
 * @param clientPublicKeyFile the same in a file (used when {@code clientPublicKey} is blank)
 * @param allowedHosts        addresses or CIDR ranges besides loopback that may call {@code /ers-sim/**}
 * @param userRestrictedAccess as e-RS, refuse an application token alone on every operation but the
 *                            application-restricted ones; unset = on
 */
@ConfigurationProperties("ers.simulator")
record SimulatorProperties(Boolean enabled, String accessToken, String smartcardToken, String clientPublicKey,
                           String clientPublicKeyFile, List<String> allowedHosts, Boolean userRestrictedAccess) {

    SimulatorProperties {
        userRestrictedAccess = userRestrictedAccess == null || userRestrictedAccess;
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().filter(h -> h != null && !h.isBlank()).map(String::trim).toList();
    }

    /** Tokens and keys print as {@code ***}. */
    @Override
    public String toString() {
        return "SimulatorProperties[enabled=" + enabled + ", accessToken=" + Secrets.mask(accessToken) + ", smartcardToken="
                + Secrets.mask(smartcardToken) + ", clientPublicKey=" + Secrets.mask(clientPublicKey) + ", clientPublicKeyFile="
                + clientPublicKeyFile + ", allowedHosts=" + allowedHosts + ", userRestrictedAccess=" + userRestrictedAccess + "]";
    }
}
