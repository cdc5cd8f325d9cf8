package org.ersreferral.suites;

import org.ersreferral.testsupport.ApplicationTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Every {@link ApplicationTest}, in a JVM of its own (see {@link PlainTests}). Classes run in name
 * order, so classes that share an application configuration mostly follow each other and Spring's
 * context cache serves them one application.
 */
@Suite
@SelectPackages("org.ersreferral")
@IncludeClassNamePatterns(".*Test")
@IncludeTags(ApplicationTest.TAG)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.junit.jupiter.api.ClassOrderer$ClassName")
public class ApplicationTests {
}
