package org.ersreferral.suites;

import org.ersreferral.testsupport.ApplicationTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The Tasklist tests on the shared running application, beside {@link ApplicationTests}. */
@Suite
@SelectPackages("org.ersreferral.tasklist")
@IncludeClassNamePatterns(".*Test")
@IncludeTags(ApplicationTest.SHARED_TAG)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.junit.jupiter.api.ClassOrderer$ClassName")
public class ApplicationTasklistTests {
}
