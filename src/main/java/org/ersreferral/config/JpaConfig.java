package org.ersreferral.config;

import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The application's own entities and repositories on its DataSource. The embedded simulator's live
 * in a persistence unit of their own, on a pool of their own (simulator.SimulatorPersistence), so
 * they are left out here.
 */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackages = {"org.ersreferral.ers", "org.ersreferral.history", "org.ersreferral.process.step",
        "org.ersreferral.referral", "org.ersreferral.security.acting", "org.ersreferral.security.tokens",
        "org.ersreferral.worklist"})
@EnableJpaRepositories(basePackages = "org.ersreferral",
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.ersreferral\\.simulator\\..*"))
class JpaConfig {
}
