package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ServiceOption;
import org.ersreferral.ers.ServiceSearch;
import org.ersreferral.testsupport.ApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code ers.auth.mode=signed-jwt} against the embedded simulator over HTTP: the client signs a JWT
 * with a key generated here, gets a token from the simulated NHS API platform (default token URL
 * derived from {@code ers.base-url}) and reuses it. With no client key configured the simulator
 * registers the public half of the application's own key, so the signature is checked.
 */
@ApplicationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:signed-jwt-access;DB_CLOSE_DELAY=-1",
        "ers.auth.mode=signed-jwt", "ers.auth.api-key=test-api-key", "ers.auth.key-id=test-1"})
class SignedJwtAccessTest {

    static final int PORT = LiveApplication.freePort();
    static final KeyPair KEYS = rsaKeys();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("ers.auth.private-key", () -> "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    @Autowired
    ErsClient ers;

    final LiveApplication app = new LiveApplication(PORT);
    final ErsCall call = new ErsCall("signed-jwt-test", "Test_SignedJwt");

    @BeforeEach
    void resetSimulator() {
        assertThat(app.post("/ers-sim/admin/reset", "admin", "{}").status()).isBetween(200, 204);
    }

    @Test
    void getsOneTokenFromTheTokenEndpointAndReusesIt() {
        CodeSystemView priorities = ers.retrieveCodeSystem(call, "PRIORITY");
        assertThat(priorities.concepts()).isNotEmpty();
        assertThat(calls().path("TOKEN").asInt()).isEqualTo(1);

        List<ServiceOption> services = ers.searchServices(call,
                new ServiceSearch("9912003888", "ROUTINE", "CARDIOLOGY", null, null, null, null));
        assertThat(services).isNotEmpty();

        JsonNode calls = calls();
        assertThat(calls.path("A010").asInt()).isEqualTo(1);
        assertThat(calls.path("TOKEN").asInt()).as("the second call reuses the cached token").isEqualTo(1);
    }

    private JsonNode calls() {
        return app.get("/ers-sim/admin/calls", "admin").json();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
