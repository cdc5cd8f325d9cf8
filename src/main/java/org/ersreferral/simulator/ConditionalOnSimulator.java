package org.ersreferral.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Every simulator bean carries this, so a switched-off simulator ({@link SimulatorSwitch}) has no bean at all. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Conditional(SimulatorSwitch.On.class)
@interface ConditionalOnSimulator {
}
