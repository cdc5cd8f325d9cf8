package org.ersreferral.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the simulator's CIS2 and API-platform sign-in, bound from {@code ers.simulator.cis2.*}.
 *
 * @param accessTokenLifetime  how long an access token (and ID token) lives, as on the platform: 10 minutes
 * @param refreshTokenLifetime how long a refresh token lives: 12 hours
 */
@ConfigurationProperties("ers.simulator.cis2")
record Cis2Properties(Duration accessTokenLifetime, Duration refreshTokenLifetime) {

    Cis2Properties {
        accessTokenLifetime = positiveOr(accessTokenLifetime, Duration.ofMinutes(10), "access-token-lifetime");
        refreshTokenLifetime = positiveOr(refreshTokenLifetime, Duration.ofHours(12), "refresh-token-lifetime");
    }

    private static Duration positiveOr(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException("ers.simulator.cis2." + name + " must be positive, e.g. 10m or 30s; it is " + value);
        }
        return value;
    }
}
