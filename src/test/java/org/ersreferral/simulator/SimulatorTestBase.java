package org.ersreferral.simulator;

import org.ersreferral.ErsReferralApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the whole application on a random port with an in-memory database. The process engine
 * stays on ({@code camunda.bpm.enabled=false} breaks the webapp starter, which needs its properties)
 * but runs no jobs.
 */
@SpringBootTest(classes = ErsReferralApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:sim;DB_CLOSE_DELAY=-1",
                "camunda.bpm.job-execution.enabled=false",
                "ers.simulator.enabled=true",
                "ers.simulator.access-token=simulator-access-token"})
abstract class SimulatorTestBase {

    @LocalServerPort
    int port;

    SimulatorHttp http;

    @BeforeEach
    void resetSimulator() {
        http = new SimulatorHttp(port);
        SimulatorHttp.Result reset = http.post("/ers-sim/admin/reset").send();
        if (reset.status() != 204) {
            throw new IllegalStateException("reset failed: " + reset.status() + " " + reset.text());
        }
    }
}
