package org.ersreferral.ers;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the client authenticates, from {@code ers.auth.mode}: as the referral's person signed in
 * through NHS CIS2 ({@code cis2}), with one bearer token ({@code static}, {@code signed-jwt}) or with
 * the archived professional session. Define another {@link ErsAccessTokenProvider} or
 * {@link ErsAuthentication} bean to replace them.
 */
@Configuration(proxyBeanMethods = false)
class ErsClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("!'${ers.auth.mode:static}'.trim().equalsIgnoreCase('professional-session')")
    ErsAccessTokenProvider ersAccessTokenProvider(ErsProperties properties, ObjectProvider<Clock> clock,
                                                  ObjectProvider<EmbeddedErsCredentials> embedded) {
        String mode = properties.authOrDefault().effectiveMode();
        return switch (mode) {
            case ErsProperties.AUTH_STATIC -> {
                EmbeddedErsCredentials simulator = embeddedSimulator(properties, embedded);
                yield simulator != null ? simulator::accessToken
                        : ErsAccessTokenProvider.staticToken(properties.authOrDefault().token());
            }
            case ErsProperties.AUTH_SIGNED_JWT ->
                    SignedJwtTokenProvider.fromProperties(properties, clock.getIfAvailable(Clock::systemUTC));
            case ErsProperties.AUTH_CIS2 -> applicationTokenForCis2(properties, clock, embedded);
            default -> throw new IllegalStateException("ers.auth.mode=" + mode
                    + " is unknown; use cis2, static, signed-jwt or professional-session");
        };
    }

    /**
     * cis2: the application's own token for application-restricted reads (A004): signed-jwt when an
     * API key is configured, else the embedded simulator's, else a configured static token; none:
     * those reads act as the person too.
     */
    private static ErsAccessTokenProvider applicationTokenForCis2(ErsProperties properties, ObjectProvider<Clock> clock,
                                                                 ObjectProvider<EmbeddedErsCredentials> embedded) {
        ErsProperties.Auth auth = properties.authOrDefault();
        if (auth.apiKey() != null && !auth.apiKey().isBlank()) {
            return SignedJwtTokenProvider.fromProperties(properties, clock.getIfAvailable(Clock::systemUTC));
        }
        EmbeddedErsCredentials simulator = embeddedSimulator(properties, embedded);
        if (simulator != null) {
            return simulator::accessToken;
        }
        return auth.token() == null || auth.token().isBlank() ? NO_APPLICATION_TOKEN : ErsAccessTokenProvider.staticToken(auth.token());
    }

    /** cis2 without an application token of its own. */
    private static final ErsAccessTokenProvider NO_APPLICATION_TOKEN = () -> {
        throw new IllegalStateException("No application token in cis2 mode");
    };

    @Bean
    @ConditionalOnMissingBean
    ErsAuthentication ersAuthentication(ErsProperties properties, ObjectProvider<ErsAccessTokenProvider> tokens,
                                        ObjectProvider<ErsSessionStore> sessionStore,
                                        ObjectProvider<EmbeddedErsCredentials> embedded,
                                        ObjectProvider<ErsCallBudget> budget, ObjectProvider<ErsPeople> people) {
        if (ErsProperties.AUTH_CIS2.equals(properties.authOrDefault().effectiveMode())) {
            ErsPeople signedIn = people.getIfAvailable();
            if (signedIn == null) {
                throw new IllegalStateException("ers.auth.mode=cis2 needs people to sign in: set ers.sign-in.issuer"
                        + " (or run the embedded simulator)");
            }
            ErsAccessTokenProvider application = tokens.getObject();
            return new ActingPersonAuthentication(application == NO_APPLICATION_TOKEN ? null : application, signedIn);
        }
        if (ErsProperties.AUTH_PROFESSIONAL_SESSION.equals(properties.authOrDefault().effectiveMode())) {
            EmbeddedErsCredentials simulator = embeddedSimulator(properties, embedded);
            return ProfessionalSessions.fromProperties(properties, sessionStore.getIfAvailable(() -> ErsSessionStore.NONE),
                    simulator == null ? properties.authOrDefault().token() : simulator.smartcardToken(),
                    budget.getIfAvailable(() -> ErsCallBudget.NONE));
        }
        return ErsAuthentication.bearer(tokens.getObject());
    }

    /**
     * The simulator's own credentials when no token is configured and the base URL is the simulator
     * embedded here, so the demo works out of the box with tokens that are random per start.
     */
    private static EmbeddedErsCredentials embeddedSimulator(ErsProperties properties,
                                                            ObjectProvider<EmbeddedErsCredentials> embedded) {
        String token = properties.authOrDefault().token();
        return (token == null || token.isBlank()) && properties.embeddedSimulator() ? embedded.getIfAvailable() : null;
    }
}
