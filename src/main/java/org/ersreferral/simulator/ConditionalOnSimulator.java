package org.ersreferral.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Every simulator bean carries this, so {@code ers.simulator.enabled=false} removes the whole simulator. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(prefix = "ers.simulator", name = "enabled", havingValue = "true", matchIfMissing = true)
@interface ConditionalOnSimulator {
}
