package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulated sign-in's token lifetimes: the platform's by default, any positive duration when set. */
class Cis2PropertiesTest {

    @Test
    void unsetMeansThePlatformsLifetimes() {
        Cis2Properties unset = new Cis2Properties(null, null);
        assertThat(unset.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(unset.refreshTokenLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(new Cis2Properties(Duration.ofSeconds(3), Duration.ofSeconds(7)).refreshTokenLifetime()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aLifetimeOfZeroOrLessStopsTheStart() {
        assertThatThrownBy(() -> new Cis2Properties(Duration.ZERO, null))
                .hasMessageContaining("ers.simulator.cis2.access-token-lifetime must be positive");
        assertThatThrownBy(() -> new Cis2Properties(null, Duration.ofSeconds(-1)))
                .hasMessageContaining("ers.simulator.cis2.refresh-token-lifetime must be positive");
    }
}
