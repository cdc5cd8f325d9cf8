package org.ersreferral.security.signin;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.env.PropertyResolver;

/**
 * Sign-in is on when a provider is configured ({@code ers.sign-in.issuer}) or the embedded
 * simulator runs (demo mode, or {@code ers.simulator.enabled}), whose CIS2 is then the provider.
 */
class SignInOn implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return on(context.getEnvironment());
    }

    static boolean on(PropertyResolver properties) {
        String issuer = properties.getProperty("ers.sign-in.issuer");
        if (issuer != null && !issuer.isBlank()) {
            return true;
        }
        String simulator = properties.getProperty("ers.simulator.enabled");
        if (simulator == null || simulator.isBlank()) {
            simulator = properties.getProperty("referral.security.demo-users-enabled", "true");
        }
        return Boolean.parseBoolean(simulator.trim());
    }
}
