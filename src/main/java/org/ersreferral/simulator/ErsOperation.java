package org.ersreferral.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a simulator handler as one e-RS operation, so {@link ErsGatekeeper} can count it, inject
 * faults into it and apply e-RS's header checks in one place.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface ErsOperation {

    /** e-RS operation id, e.g. {@code A011}. */
    String value();

    /** Business functions allowed to call it; referrer roles unless said otherwise. */
    String[] roles() default {"REFERRING_CLINICIAN", "REFERRING_CLINICIAN_ADMIN"};

    /** A004 may also be called with application-restricted access (no role headers). */
    boolean applicationRestricted() default false;

    /** A030 works out the roles itself, so it needs no role headers. */
    boolean roleHeaders() default true;
}
