package org.ersreferral.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that starts the whole application (its engine is named {@code default}, as
 * Cockpit, Tasklist and the REST API expect). Surefire runs these in a JVM of their own, where
 * Spring's context cache shares an application between classes with the same configuration; the
 * plain process tests run in another, so the two kinds of engine never meet in Camunda's JVM-wide
 * engine registry.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(ApplicationTest.TAG)
public @interface ApplicationTest {

    /** The JUnit tag the suites select these classes by (see suites/). */
    String TAG = "application";

    /** The tag of the classes that share one running application: {@link RunningApplicationTest}'s. */
    String SHARED_TAG = "shared-application";
}
