package org.ersreferral.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.ersreferral.ers.CodeSystemView;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
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
 * registers the public half of the application's own key, so the signature is checked. The token is
 * application-restricted: good for A004, refused (as by e-RS) for the operations that need a person.
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

        CodeSystemView specialties = ers.retrieveCodeSystem(call, "SPECIALTY");
        assertThat(specialties.concepts()).isNotEmpty();

        JsonNode calls = calls();
        assertThat(calls.path("A004").asInt()).isEqualTo(2);
        assertThat(calls.path("TOKEN").asInt()).as("the second call reuses the cached token").isEqualTo(1);

        // as e-RS: a signed-JWT token is the application's, and A010 needs a person signed in through CIS2
        assertThatThrownBy(() -> ers.searchServices(call,
                new ServiceSearch("9912003888", "ROUTINE", null, null, null, null, null)))
                .isInstanceOf(ErsException.Rejected.class).hasMessageContaining("user-restricted");
        assertThat(calls().path("A010").asInt()).isEqualTo(1);
        assertThat(calls().path("TOKEN").asInt()).isEqualTo(1);
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
