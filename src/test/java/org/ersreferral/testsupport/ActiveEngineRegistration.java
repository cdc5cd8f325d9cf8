package org.ersreferral.testsupport;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Makes the test's own application the one Camunda's JVM-wide state answers for. Cached
 * applications share a JVM, and Camunda keeps some state per JVM, not per application:
 * <ul>
 * <li>the engine registry, where every engine is named {@code default} (the webapps' and REST API's
 * paths name it): it holds whichever started last, and closing an evicted application removes the
 * name altogether; the REST API and the webapps look the engine up there on every request;</li>
 * <li>the webapps' runtime delegates (Cockpit, Admin, Tasklist, Welcome): an application that shuts
 * down clears them for all, and they cache what they built for an engine name.</li>
 * </ul>
 * So whenever a test runs on another application than the one before, its engine is registered and
 * the webapps get fresh delegates.
 */
public class ActiveEngineRegistration extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        // after dependency injection, which has loaded (or taken from the cache) the application
        return Ordered.LOWEST_PRECEDENCE - 100;
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        activate(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        activate(testContext);
    }

    private static void activate(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext application = testContext.getApplicationContext();
        application.getBeanProvider(ProcessEngine.class).ifAvailable(engine -> {
            boolean webappsCleared = Admin.getRuntimeDelegate() == null || Cockpit.getRuntimeDelegate() == null
                    || Tasklist.getRuntimeDelegate() == null || Welcome.getRuntimeDelegate() == null;
            if (ProcessEngines.getProcessEngines().get(engine.getName()) != engine || webappsCleared) {
                ProcessEngines.registerProcessEngine(engine);
                Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
                Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
                Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
                Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
            }
        });
    }
}
