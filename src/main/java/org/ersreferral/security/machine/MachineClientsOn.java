package org.ersreferral.security.machine;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Machine clients are accepted once their token issuer is configured. */
final class MachineClientsOn implements Condition {

    static final String ISSUER = "referral.security.machine-clients.issuer";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String issuer = context.getEnvironment().getProperty(ISSUER);
        return issuer != null && !issuer.isBlank();
    }
}
