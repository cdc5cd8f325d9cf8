package org.ersreferral.suites;

import org.ersreferral.testsupport.ApplicationTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The {@link ApplicationTest} classes that configure an application of their own (settings, a
 * database), each started once; see {@link ApplicationTests}.
 */
@Suite
@SelectPackages("org.ersreferral")
@IncludeClassNamePatterns(".*Test")
@IncludeTags(ApplicationTest.TAG)
@ExcludeTags(ApplicationTest.SHARED_TAG)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.junit.jupiter.api.ClassOrderer$ClassName")
public class ConfiguredApplicationTests {
}
