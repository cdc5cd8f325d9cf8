package org.ersreferral.suites;

import org.ersreferral.testsupport.ApplicationTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The tests on the shared running application ({@code RunningApplicationTest}'s subclasses), in a JVM
 * of their own: Spring's context cache serves them one application (another for the few with settings
 * of their own). Surefire runs the four suites two at a time, each in a new JVM, in name order, so
 * this one and {@link ConfiguredApplicationTests}, the longest, start first, and {@link EngineTests}
 * and {@link PlainTests} follow in whichever JVM ends first.
 */
@Suite
@SelectPackages("org.ersreferral")
@IncludeClassNamePatterns(".*Test")
@IncludeTags(ApplicationTest.SHARED_TAG)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.junit.jupiter.api.ClassOrderer$ClassName")
public class ApplicationTests {
}
