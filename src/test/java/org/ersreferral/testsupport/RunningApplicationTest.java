package org.ersreferral.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real application (engine, job executor, Feign client, webapps) with the embedded e-RS
 * simulator, trusting the machine clients of {@link MachineTokenServer}, on a free port and an in-memory database of its own. Test classes that extend this
 * and add no settings share one running application, which Spring keeps cached between them; so
 * each test starts from what it clears itself (the simulator's state, the referrals it lists).
 * A subclass with settings of its own starts another application, beside the cached one.
 */
@ApplicationTest
@Tag(ApplicationTest.SHARED_TAG)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:application-${random.uuid}",
        // the faults the tests arm delay answers past this, not past the default 30 s
        "ers.read-timeout=3s",
        // a request that got no answer is reconciled after this, not after the default minute
        "ers.reconcile-after=3s"})
@Import(CrashAfterAnswer.class)
public abstract class RunningApplicationTest {

    /**
     * A fixed port, known before the application starts (the client's e-RS address names it), and
     * free: chosen anew for every application started, so cached ones keep theirs.
     */
    @DynamicPropertySource
    static void freePort(DynamicPropertyRegistry registry) {
        int port = freePort();
        registry.add("server.port", () -> port);
    }

    /**
     * Machine clients' bearer tokens of a real authorization server are accepted, as a production
     * start accepts its identity provider's: the demo organisations are the clients' organisations.
     */
    @DynamicPropertySource
    static void machineClients(DynamicPropertyRegistry registry) {
        MachineTokenServer.shared().configure(registry, "R69", "RXB");
    }

    /** The port of this test's application. */
    @LocalServerPort
    protected int port;

    /**
     * Ends every running referral (without the application's listeners), so none left by an
     * earlier test of the shared application calls e-RS or shows a task during this one. A job
     * finishing meanwhile makes a deletion lose its lock: then it is tried again.
     */
    protected static void deleteRunningReferrals(RuntimeService runtimeService) {
        for (int attempt = 1; ; attempt++) {
            try {
                // Sent referrals are followed by a process of their own, which calls e-RS too.
                runtimeService.createProcessInstanceQuery().processDefinitionKeyIn("ers-referral", "ers-referral-follow-up").list()
                        .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test clean-up", true, true));
                return;
            } catch (OptimisticLockingException busy) {
                if (attempt == 5) {
                    throw busy;
                }
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
