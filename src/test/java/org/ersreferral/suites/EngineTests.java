package org.ersreferral.suites;

import org.ersreferral.testsupport.ApplicationTest;
import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludePackages;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * Tests with engines of their own but no application: the process tests (an engine per class, e-RS
 * scripted) and the cluster fault run (nodes in JVMs of their own). Apart from the application
 * tests, so that no engine here meets the application's in Camunda's JVM-wide engine registry; see
 * {@link ApplicationTests}.
 */
@Suite
@SelectPackages("org.ersreferral")
@IncludePackages({"org.ersreferral.process", "org.ersreferral.cluster"})
@IncludeClassNamePatterns(".*Test")
@ExcludeTags(ApplicationTest.TAG)
@ConfigurationParameter(key = "junit.jupiter.testclass.order.default", value = "org.junit.jupiter.api.ClassOrderer$ClassName")
public class EngineTests {
}
