package org.ersreferral.suites;

import org.ersreferral.testsupport.ApplicationTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludePackages;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The tests on the shared running application ({@code RunningApplicationTest}'s subclasses) but
 * Tasklist's, in a JVM of their own: Spring's context cache serves them one application (another for
 * the few with settings of their own). The Tasklist tests, as long again, run beside them on an
 * application of their own ({@link ApplicationTasklistTests}): these tests mostly wait for browsers and
 * e-RS steps, so two such JVMs share the cores well. Surefire runs the suites three at a time, each in
 * a new JVM, in name order: these two and {@link ConfiguredApplicationTests}, the longest, start first,
 * and {@link EngineTests} and {@link PlainTests} follow in whichever JVMs end first.
 */
@Suite
@SelectPackages("org.ersreferral")
@ExcludePackages("org.ersreferral.tasklist")
@IncludeClassNamePatterns(".*Test")
@IncludeTags(ApplicationTest.SHARED_TAG)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.junit.jupiter.api.ClassOrderer$ClassName")
public class ApplicationTests {
}
