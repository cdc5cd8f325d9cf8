package org.ersreferral.ers;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The e-RS call budget from {@code ers.rate-limit.*}: kept in the application's database, which all
 * nodes share, or none when {@code calls-per-second} is 0.
 */
@Configuration(proxyBeanMethods = false)
class ErsRateLimitConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ErsCallBudget ersCallBudget(ErsRateLimitProperties limit, DataSource dataSource,
                                ObjectProvider<ErsBudgetObserver> observer) {
        if (!limit.limited()) {
            return ErsCallBudget.NONE;
        }
        return new DatabaseErsCallBudget(dataSource, limit.callsPerSecond(), limit.maxWaitOrDefault(),
                observer.getIfAvailable(() -> ErsBudgetObserver.NONE));
    }
}
