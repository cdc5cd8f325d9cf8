package org.ersreferral.testsupport;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Makes the engine of the test's own application the one Camunda's JVM-wide registry answers for
 * {@code default}. Cached applications share a JVM and every engine is named {@code default} (the
 * webapps' and REST API's paths name it), so the registry holds whichever started last, and closing
 * an evicted application removes the name altogether; the REST API and the webapps look the engine
 * up there on every request.
 */
public class ActiveEngineRegistration extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        // after dependency injection, which has loaded (or taken from the cache) the application
        return Ordered.LOWEST_PRECEDENCE - 100;
    }

    @Override
    public void prepareTestInstance(TestContext testContext) {
        register(testContext);
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        register(testContext);
    }

    private static void register(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext application = testContext.getApplicationContext();
        application.getBeanProvider(ProcessEngine.class).ifAvailable(engine -> {
            if (ProcessEngines.getProcessEngines().get(engine.getName()) != engine) {
                ProcessEngines.registerProcessEngine(engine);
            }
        });
    }
}
