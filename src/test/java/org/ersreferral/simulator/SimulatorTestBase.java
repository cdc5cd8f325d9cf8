package org.ersreferral.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import org.ersreferral.ers.ErsApiExamples;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the simulator alone ({@link SimulatorOnlyApplication}: no process engine, webapps or sign-in)
 * on a random port with an in-memory database, over real HTTP. It starts no engine, so these tests
 * run with the plain tests, not as {@code @ApplicationTest}s. Calls act, as e-RS requires, as a
 * person signed in to the simulated CIS2: the GP {@code two-roles} (REFERRING_CLINICIAN at R69, the
 * role {@link SimulatorHttp} sends), signed in in process; the simulator's own random tokens are taken
 * from it in process; the signed-JWT client key is made here and its public half registered with the
 * simulator.
 */
@SpringBootTest(classes = SimulatorOnlyApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:simulator-${random.uuid};DB_CLOSE_DELAY=-1",
                "ers.simulator.enabled=true"})
abstract class SimulatorTestBase {

    static final String KEY_ID = "test-1";
    static final KeyPair CLIENT_KEYS = rsaKeys();

    @DynamicPropertySource
    static void clientKey(DynamicPropertyRegistry registry) {
        registry.add("ers.simulator.client-public-key", () -> "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(CLIENT_KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Autowired
    Cis2Grants grants;

    SimulatorHttp http;

    /** A user-restricted access token of the smartcard user {@code username}, signed in in process. */
    String userToken(String username) {
        return grants.signIn(SmartcardUsers.byUsername(username).orElseThrow(),
                        Set.of("openid", "profile", "nationalrbacaccess"), "http://localhost:" + port + "/ers-sim")
                .getAccessToken().getToken().getTokenValue();
    }

    @BeforeEach
    void resetSimulator() {
        http = new SimulatorHttp(port, userToken(SmartcardUsers.GP));
        SimulatorHttp.Result reset = http.post("/ers-sim/admin/reset").send();
        if (reset.status() != 204) {
            throw new IllegalStateException("reset failed: " + reset.status() + " " + reset.text());
        }
    }

    static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An official STU3 example (under ../shared/ers-api/examples/stu3), its {@code _baseUrl_} this simulator's. */
    String example(String path) {
        return ErsApiExamples.read("stu3/" + path).replace("_baseUrl_", http.base()).replace("_baseurl_", http.base());
    }

    JsonNode exampleJson(String path) {
        try {
            return SimulatorHttp.JSON.readTree(example(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
