package org.ersreferral.suites;

import org.ersreferral.testsupport.ApplicationTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Every test that starts no application (process tests with their own engines, client, simulator
 * and unit tests). Surefire runs this suite and {@link ApplicationTests} in two JVMs at the same
 * time, so the two kinds of engine never meet in Camunda's JVM-wide engine registry and neither
 * waits for the other.
 */
@Suite
@SelectPackages("org.ersreferral")
@IncludeClassNamePatterns(".*Test")
@ExcludeTags(ApplicationTest.TAG)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.junit.jupiter.api.ClassOrderer$ClassName")
public class PlainTests {
}
