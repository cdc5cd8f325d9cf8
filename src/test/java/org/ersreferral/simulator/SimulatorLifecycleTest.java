package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ersreferral.ErsReferralApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Simulator state lives in the application's database, so it survives a restart; and the simulator can be switched off. */
class SimulatorLifecycleTest {

    private static ConfigurableApplicationContext start(String url, String... settings) {
        // A web context: the Camunda REST starter needs one.
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + url,
                "--camunda.bpm.job-execution.enabled=false"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(ErsReferralApplication.class).run(args.toArray(String[]::new));
    }

    private static ConfigurableApplicationContext start(String url, boolean enabled) {
        return start(url, "--ers.simulator.enabled=" + enabled);
    }

    @Test
    void referralsAndTakenSlotsSurviveARestart(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("sim").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        String ubrn;
        try (ConfigurableApplicationContext first = start(url, true)) {
            ReferralDesk desk = first.getBean(ReferralDesk.class);
            SimReferral created = desk.create(new ReferralDesk.NewReferral(SeedData.EXAMPLE_NHS_NUMBER, "URGENT", "CARDIOLOGY",
                    "HEART_FAILURE", List.of("11000"), null, "R69", "r.test", null, null), false);
            ubrn = created.ubrn();
            desk.book(ubrn, "R69", "1", "11000", "11000001", null, null);
        }
        try (ConfigurableApplicationContext second = start(url, true)) {
            SimReferral referral = second.getBean(ReferralDesk.class).find(ubrn, "R69");
            assertThat(referral.status()).isEqualTo(SimReferral.BOOKED);
            assertThat(referral.version()).isEqualTo(2);
            assertThat(second.getBean(SimulatorState.class).freeSlots("11000")).isEqualTo(29);
            SimReferral next = second.getBean(ReferralDesk.class).create(new ReferralDesk.NewReferral(SeedData.EXAMPLE_NHS_NUMBER,
                    "URGENT", "CARDIOLOGY", null, List.of("11000"), null, "R69", "r.test2", null, null), false);
            assertThat(next.ubrn()).as("the UBRN sequence continues").isGreaterThan(ubrn);
        }
    }

    /** Demo mode off and nothing said about the simulator: it is off, and e-RS is elsewhere. */
    @Test
    void switchedOffOutsideDemoMode() {
        try (ConfigurableApplicationContext context = start("jdbc:h2:mem:simoff;DB_CLOSE_DELAY=-1",
                "--referral.security.demo-users-enabled=false", "--ers.base-url=https://int.api.service.nhs.uk/referrals/FHIR",
                "--ers.auth.token=configured-elsewhere", "--referral.security.first-admin.user-id=ops-admin",
                "--referral.security.first-admin.password=correct horse battery")) {
            assertThat(context.getBeansOfType(ReferralController.class)).isEmpty();
            assertThat(context.getBeansOfType(SimulatorAdminController.class)).isEmpty();
            assertThat(context.getBeansOfType(SimulatorState.class)).isEmpty();
            assertThat(context.getBeansOfType(TokenController.class)).isEmpty();
            assertThat(context.getBeansOfType(org.ersreferral.ers.EmbeddedErsCredentials.class)).isEmpty();
            assertThat(context.getBeansOfType(org.ersreferral.security.EmbeddedCis2Client.class)).isEmpty();
            assertThat(context.getBeansOfType(Cis2Authorizations.class)).isEmpty();
            assertThat(context.getBeansOfType(SmartcardSignInPage.class)).isEmpty();
            assertThat(context.containsBean("cis2AuthorizationServerFilters")).isFalse();
            assertThat(context.getBeansOfType(org.springframework.boot.web.servlet.FilterRegistrationBean.class).values())
                    .noneMatch(r -> r.getFilter() instanceof LocalCallersOnly);
            assertThat(context.getBeansOfType(SimulatorOffGuard.class)).hasSize(1);
        }
    }
}
