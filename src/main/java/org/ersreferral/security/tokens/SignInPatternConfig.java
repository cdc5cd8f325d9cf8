package org.ersreferral.security.tokens;

import java.time.Clock;
import org.ersreferral.ers.ClientAssertion;
import org.ersreferral.ers.ErsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code ers.sign-in.pattern=separate}: the token exchange, authenticating with the application's
 * signed-JWT settings ({@code ers.auth.api-key}, {@code key-id}, {@code private-key(-file)},
 * {@code token-url}); start-up fails naming the first one missing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ers.sign-in.pattern", havingValue = UserErsTokens.PATTERN_SEPARATE)
class SignInPatternConfig {

    @Bean
    ErsTokenExchange ersTokenExchange(ErsProperties ers, Clock clock) {
        ClientAssertion assertion = ClientAssertion.fromProperties(ers, clock, "ers.sign-in.pattern=separate");
        return new ErsTokenExchange(assertion, ErsTokenExchange.tokenEndpointClient(assertion, ers.connectTimeout(),
                ers.readTimeout()), clock);
    }
}
