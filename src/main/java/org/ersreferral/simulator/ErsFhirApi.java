package org.ersreferral.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the controllers that speak e-RS FHIR, so only they answer errors with an OperationOutcome. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ErsFhirApi {
}
