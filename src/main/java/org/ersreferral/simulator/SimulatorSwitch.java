package org.ersreferral.simulator;

import org.ersreferral.ers.ErsProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the simulator runs: {@code ers.simulator.enabled} when set, else the demo mode
 * ({@code referral.security.demo-users-enabled}, on when unset). A production start (demo users off)
 * therefore has no simulator unless it asks for one.
 */
final class SimulatorSwitch {

    static final String ENABLED = "ers.simulator.enabled";
    static final String DEMO_MODE = "referral.security.demo-users-enabled";

    private SimulatorSwitch() {
    }

    static boolean enabled(PropertyResolver properties) {
        String enabled = properties.getProperty(ENABLED);
        if (enabled == null || enabled.isBlank()) {
            enabled = properties.getProperty(DEMO_MODE, "true");
        }
        return Boolean.parseBoolean(enabled.trim());
    }

    static final class On implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return enabled(context.getEnvironment());
        }
    }

    static final class Off implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !enabled(context.getEnvironment());
        }
    }

    /**
     * Demo mode with the simulator as the e-RS the application calls ({@code ers.base-url} below
     * this application's {@code /ers-sim}), acting as people ({@code ers.auth.mode=cis2}): only then may
     * demo users get e-RS sign-ins without a browser.
     */
    static final class DemoErs implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (!enabled(context.getEnvironment())
                    || !Boolean.parseBoolean(context.getEnvironment().getProperty(DEMO_MODE, "true").trim())) {
                return false;
            }
            return Binder.get(context.getEnvironment()).bind("ers", ErsProperties.class)
                    .map(ers -> ers.embeddedSimulator()
                            && ErsProperties.AUTH_CIS2.equals(ers.authOrDefault().effectiveMode()))
                    .orElse(false);
        }
    }
}
