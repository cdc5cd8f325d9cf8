package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.ersreferral.ers.ErsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The demo users' sign-in without a browser mints tokens of the simulated CIS2: it must not exist
 * unless the embedded simulator is the e-RS called, in demo mode, acting as people. A base URL that
 * only looks like the simulator's (another host, a host named like loopback, the path elsewhere), or
 * demo mode off, leaves no bean to ask.
 */
class DemoUserErsSignInAttackTest {

    /** A bean under exactly the demo sign-in's conditions (its own needs the whole application). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnSimulator
    @Conditional(SimulatorSwitch.DemoErs.class)
    @EnableConfigurationProperties(ErsProperties.class)
    static class UnderDemoErsConditions {
        @Bean
        String demoErsShortcut() {
            return "present";
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(UnderDemoErsConditions.class);

    @Test
    void theShortcutExistsOnlyWithTheEmbeddedSimulatorAsErsInDemoMode() {
        runner.withPropertyValues("ers.base-url=http://localhost:8080/ers-sim/FHIR", "ers.auth.mode=cis2")
                .run(context -> assertThat(context).hasBean("demoErsShortcut"));
        runner.withPropertyValues("ers.base-url=http://127.0.0.1:8080/ers-sim/FHIR", "ers.auth.mode=cis2")
                .run(context -> assertThat(context).hasBean("demoErsShortcut"));
    }

    @Test
    void noBaseUrlButTheEmbeddedSimulatorsGetsTheShortcut() {
        for (String elsewhere : new String[] {
                "https://sandbox.api.service.nhs.uk/referrals/FHIR",
                "https://int.api.service.nhs.uk/referrals/ers-sim/FHIR",
                "http://localhost.evil.example/ers-sim/FHIR",
                "http://evil.example/ers-sim/FHIR?http://localhost/ers-sim/FHIR",
                "http://localhost:8080/FHIR",
                "http://localhost:8080/other/ers-sim/FHIR",
                ""}) {
            runner.withPropertyValues("ers.base-url=" + elsewhere, "ers.auth.mode=cis2")
                    .run(context -> assertThat(context).as(elsewhere).doesNotHaveBean("demoErsShortcut"));
        }
    }

    @Test
    void demoModeOffAnotherAccessModeOrNoSimulatorMeansNoShortcut() {
        String simulator = "ers.base-url=http://localhost:8080/ers-sim/FHIR";
        runner.withPropertyValues(simulator, "ers.auth.mode=cis2", "referral.security.demo-users-enabled=false",
                        "ers.simulator.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean("demoErsShortcut"));
        runner.withPropertyValues(simulator, "ers.auth.mode=cis2", "ers.simulator.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("demoErsShortcut"));
        for (String mode : new String[] {"static", "signed-jwt", "professional-session"}) {
            runner.withPropertyValues(simulator, "ers.auth.mode=" + mode)
                    .run(context -> assertThat(context).as(mode).doesNotHaveBean("demoErsShortcut"));
        }
    }
}
