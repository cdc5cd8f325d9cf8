package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.ersreferral.ers.EmbeddedErsCredentials;
import org.ersreferral.ers.ErsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/**
 * The simulator follows demo mode unless told otherwise; off, none of its beans exist and a base
 * URL still at the embedded simulator stops the start. Its tokens differ at every start.
 */
class SimulatorSwitchTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ErsProperties.class, SimulatorProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, SimulatorOffGuard.class, AccessTokens.class, CallLog.class);

    @Test
    void followsDemoModeUnlessSetExplicitly() {
        assertThat(SimulatorSwitch.enabled(new MockEnvironment())).as("nothing set: demo mode, which is on").isTrue();
        assertThat(SimulatorSwitch.enabled(new MockEnvironment().withProperty("referral.security.demo-users-enabled", "false")))
                .isFalse();
        assertThat(SimulatorSwitch.enabled(new MockEnvironment().withProperty("referral.security.demo-users-enabled", "false")
                .withProperty("ers.simulator.enabled", "true"))).as("asked for explicitly").isTrue();
        assertThat(SimulatorSwitch.enabled(new MockEnvironment().withProperty("ers.simulator.enabled", "false"))).isFalse();
        assertThat(SimulatorSwitch.enabled(new MockEnvironment().withProperty("ers.simulator.enabled", " ")
                .withProperty("referral.security.demo-users-enabled", "false"))).as("blank = unset").isFalse();
    }

    @Test
    void withDemoModeOffTheSimulatorHasNoBeans() {
        runner.withPropertyValues("referral.security.demo-users-enabled=false",
                "ers.base-url=https://int.api.service.nhs.uk/referrals/FHIR").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SimulatorOffGuard.class)
                    .doesNotHaveBean(AccessTokens.class).doesNotHaveBean(EmbeddedErsCredentials.class)
                    .doesNotHaveBean(CallLog.class);
        });
        runner.withPropertyValues("referral.security.demo-users-enabled=true", "ers.base-url=http://localhost:8080/ers-sim/FHIR")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AccessTokens.class)
                        .hasSingleBean(EmbeddedErsCredentials.class).doesNotHaveBean(SimulatorOffGuard.class));
    }

    @Test
    void aBaseUrlAtTheSwitchedOffSimulatorStopsTheStart() {
        for (String url : List.of("http://localhost:8080/ers-sim/FHIR", "http://127.0.0.1:9090/ers-sim/FHIR", "http://[::1]:80/ers-sim/FHIR")) {
            String ownPort = "server.port=" + URI.create(url).getPort();
            runner.withPropertyValues("referral.security.demo-users-enabled=false", "ers.base-url=" + url, ownPort).run(context ->
                    assertThat(context).getFailure().rootCause().hasMessageStartingWith("ers.base-url (ERS_BASE_URL) is " + url
                            + ", the embedded e-RS simulator, but the simulator is off").hasMessageContaining("ERS_SIMULATOR_ENABLED=true"));
        }
        // the simulator of another application on this host (another port) is e-RS to this one
        runner.withPropertyValues("ers.simulator.enabled=false", "server.port=8081", "ers.base-url=http://localhost:8080/ers-sim/FHIR")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AccessTokens.class));
        // a simulator on another host is e-RS as far as this application is concerned
        runner.withPropertyValues("ers.simulator.enabled=false", "ers.base-url=https://sim.example.org/ers-sim/FHIR")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AccessTokens.class));
    }

    @Test
    void tokensAreRandomPerStartUnlessConfigured() {
        SimulatorProperties unset = new SimulatorProperties(true, "", null, null, null, null, null);
        AccessTokens first = new AccessTokens(unset);
        AccessTokens second = new AccessTokens(unset);
        assertThat(first.accessToken()).isNotEqualTo(second.accessToken()).isNotEqualTo("simulator-access-token")
                .hasSizeGreaterThanOrEqualTo(40);
        assertThat(first.smartcardToken()).isNotEqualTo(second.smartcardToken()).isNotEqualTo(first.accessToken());
        assertThat(first.issue()).isNotEqualTo(second.issue());
        assertThat(first.validBearer("simulator-access-token")).isFalse();
        assertThat(first.validBearer(second.accessToken())).as("another start's token").isFalse();
        assertThat(first.validSmartcard(second.smartcardToken())).isFalse();
        assertThat(first.validSmartcard("smartcard")).isFalse();

        AccessTokens fixed = new AccessTokens(new SimulatorProperties(true, "my-fixed-token", "my-card", null, null, null, null));
        assertThat(fixed.accessToken()).isEqualTo("my-fixed-token");
        assertThat(fixed.validBearer("my-fixed-token")).isTrue();
        assertThat(fixed.validSmartcard("my-card")).isTrue();
    }

    @Test
    void propertiesAndSessionsPrintNoSecret() {
        SimulatorProperties properties = new SimulatorProperties(true, "tok-secret-1", "card-secret-2",
                "-----BEGIN PUBLIC KEY-----\nMIIkey3\n-----END PUBLIC KEY-----", "/keys/client.pem", List.of("10.0.0.0/8"), null);
        assertThat(properties.toString()).doesNotContain("tok-secret-1", "card-secret-2", "MIIkey3")
                .contains("accessToken=***", "smartcardToken=***", "clientPublicKey=***", "/keys/client.pem", "10.0.0.0/8");
        AccessTokens.Session session = new AccessTokens(properties).openSession(List.of());
        assertThat(session.toString()).doesNotContain(session.id()).contains("id=***");
    }
}
