package org.ersreferral.history;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the application's history cleanup (see {@link ApplicationHistoryCleanup}) on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class HistoryCleanupScheduling {
}
