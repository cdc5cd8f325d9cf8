package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatorSmokeTest extends SimulatorTestBase {

    @Test
    void servesSpecialtyCodeSystem() {
        SimulatorHttp.Result r = http.get("/STU3/CodeSystem/SPECIALTY").send();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("url").asText()).isEqualTo(http.base() + "/STU3/CodeSystem/SPECIALTY");
    }
}
