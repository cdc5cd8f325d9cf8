package org.ersreferral.suites;

import org.ersreferral.testsupport.ApplicationTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludePackages;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Every other test that starts no application: the e-RS client, the simulator on its own, security
 * and history units; see {@link ApplicationTests}.
 */
@Suite
@SelectPackages("org.ersreferral")
@ExcludePackages({"org.ersreferral.process", "org.ersreferral.cluster"})
@IncludeClassNamePatterns(".*Test")
@ExcludeTags(ApplicationTest.TAG)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.junit.jupiter.api.ClassOrderer$ClassName")
public class PlainTests {
}
