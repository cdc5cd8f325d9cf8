package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class SimulatorSmokeTest extends SimulatorTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void servesSpecialtyCodeSystem() {
        SimulatorHttp.Result r = http.get("/STU3/CodeSystem/SPECIALTY").send();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().path("url").asText()).isEqualTo(http.base() + "/STU3/CodeSystem/SPECIALTY");
    }

    @Test
    void runsWithoutTheApplicationAroundIt() {
        assertThat(context.getBeanNamesForType(ProcessEngine.class)).isEmpty();
        assertThat(context.getBeanNamesForType(org.ersreferral.ers.ErsClient.class)).isEmpty();
        assertThat(context.getBean(ReferralController.class)).isNotNull();
        assertThat(context.getBean(SimulatorPersistence.ENTITY_MANAGER_FACTORY)).isNotNull();
    }
}
