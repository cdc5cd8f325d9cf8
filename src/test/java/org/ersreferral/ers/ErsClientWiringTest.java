package org.ersreferral.ers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.ersreferral.config.FhirConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The client's beans wire from {@code ers.*} alone (no Camunda, no web server). */
class ErsClientWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ErsProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, FhirConfig.class, ErsClientConfiguration.class, ErsHttp.class,
                    ReferenceDataService.class, FeignErsClient.class)
            .withPropertyValues("ers.base-url=http://127.0.0.1:9/FHIR", "ers.ods-code=R69",
                    "ers.business-function=REFERRING_CLINICIAN", "ers.connect-timeout=1s", "ers.read-timeout=2s",
                    "ers.reference-data-ttl=1h", "ers.auth.mode=static");

    @Test
    void staticModeGivesAClientWithTheConfiguredToken() {
        runner.withPropertyValues("ers.auth.token=abc").run(context -> {
            assertThat(context).hasSingleBean(ErsClient.class).hasSingleBean(ReferenceDataService.class)
                    .doesNotHaveBean(Clock.class); // the client brings none, so it cannot clash with the application's
            assertThat(context.getBean(ErsAccessTokenProvider.class).accessToken()).isEqualTo("abc");
        });
    }

    /** The simulator embedded in the application, as its bean offers itself to the client. */
    @Configuration(proxyBeanMethods = false)
    static class EmbeddedSimulator {
        @org.springframework.context.annotation.Bean
        EmbeddedErsCredentials embeddedErsCredentials() {
            return new EmbeddedErsCredentials() {
                @Override
                public String accessToken() {
                    return "random-per-start";
                }

                @Override
                public String smartcardToken() {
                    return "random-smartcard";
                }

                @Override
                public String referringClinician() {
                    return "555000000105";
                }
            };
        }
    }

    @Test
    void withNoTokenTheEmbeddedSimulatorsOwnTokenIsUsedInProcess() {
        runner.withUserConfiguration(EmbeddedSimulator.class)
                .withPropertyValues("ers.base-url=http://localhost:8080/ers-sim/FHIR", "ers.auth.token=")
                .run(context -> assertThat(context.getBean(ErsAccessTokenProvider.class).accessToken())
                        .isEqualTo("random-per-start"));
        runner.withUserConfiguration(EmbeddedSimulator.class)
                .withPropertyValues("ers.base-url=http://localhost:8080/ers-sim/FHIR", "ers.auth.token=configured")
                .run(context -> assertThat(context.getBean(ErsAccessTokenProvider.class).accessToken())
                        .as("a configured token wins").isEqualTo("configured"));
    }

    @Test
    void withNoTokenAndAnotherBaseUrlTheStartStops() {
        String message = "ers.auth.token (ERS_ACCESS_TOKEN) is required in static mode unless ers.base-url is the simulator"
                + " embedded in this application";
        runner.withUserConfiguration(EmbeddedSimulator.class)
                .withPropertyValues("ers.base-url=https://int.api.service.nhs.uk/referrals/FHIR")
                .run(context -> assertThat(context).getFailure().hasRootCauseMessage(message));
        runner.withPropertyValues("ers.base-url=http://localhost:8080/ers-sim/FHIR")
                .run(context -> assertThat(context).as("no simulator running").getFailure().hasRootCauseMessage(message));
    }

    @Test
    void aPrintedConfigurationShowsNoSecret() {
        runner.withPropertyValues("ers.auth.token=bearer-secret", "ers.auth.private-key=pem-secret", "ers.auth.api-key=api-secret")
                .run(context -> assertThat(context.getBean(ErsProperties.class).toString())
                        .doesNotContain("bearer-secret", "pem-secret", "api-secret").contains("token=***"));
    }

    @Test
    void signedJwtModeWithoutItsSettingsStopsTheStart() {
        runner.withPropertyValues("ers.auth.mode=signed-jwt", "ers.auth.token=abc").run(context ->
                assertThat(context).getFailure().hasRootCauseMessage(
                        "ers.auth.mode=signed-jwt needs ers.auth.api-key (ERS_API_KEY)"));
    }

    @Test
    void professionalSessionModeNeedsNoBearerToken() {
        runner.withPropertyValues("ers.auth.mode=professional-session", "ers.auth.token=smartcard", "ers.auth.asid=200000000001")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ErsAccessTokenProvider.class)
                            .hasSingleBean(ErsClient.class);
                    assertThat(context.getBean(ErsAuthentication.class)).isInstanceOf(ProfessionalSessions.class);
                });
    }

    @Test
    void anUnknownAuthModeStopsTheStart() {
        runner.withPropertyValues("ers.auth.mode=cis3", "ers.auth.token=abc").run(context ->
                assertThat(context).getFailure().hasRootCauseMessage(
                        "ers.auth.mode=cis3 is unknown; use cis2, static, signed-jwt or professional-session"));
    }
}
