package org.ersreferral.ers;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the client authenticates, from {@code ers.auth.mode}: a bearer token ({@code static},
 * {@code signed-jwt}) or the archived professional session. Define another
 * {@link ErsAccessTokenProvider} (e.g. CIS2) or {@link ErsAuthentication} bean to replace them.
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
            default -> throw new IllegalStateException("ers.auth.mode=" + mode
                    + " is unknown; use static, signed-jwt or professional-session");
        };
    }

    @Bean
    @ConditionalOnMissingBean
    ErsAuthentication ersAuthentication(ErsProperties properties, ObjectProvider<ErsAccessTokenProvider> tokens,
                                        ObjectProvider<ErsSessionStore> sessionStore,
                                        ObjectProvider<EmbeddedErsCredentials> embedded,
                                        ObjectProvider<ErsCallBudget> budget) {
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
