package org.ersreferral.ers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The e-RS access token provider for {@code ers.auth.mode}; define another {@link ErsAccessTokenProvider}
 * bean to replace it.
 */
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
}
