package org.ersreferral.ers;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the e-RS client needs that other parts may replace (token provider, clock). */
@Configuration(proxyBeanMethods = false)
class ErsClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ErsAccessTokenProvider ersAccessTokenProvider(ErsProperties properties) {
        String mode = properties.auth() == null ? "static" : properties.auth().mode();
        if (mode != null && !"static".equalsIgnoreCase(mode)) {
            throw new IllegalStateException("ers.auth.mode=" + mode + " has no token provider yet; use static");
        }
        return ErsAccessTokenProvider.staticToken(properties.auth() == null ? null : properties.auth().token());
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
