package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.ersreferral.ers.ErsProperties;
import org.junit.jupiter.api.Test;

/** Which public key the simulator's token endpoint checks a client assertion against. */
class ClientKeysTest {

    static final KeyPair KEYS = SimulatorTestBase.rsaKeys();

    private static ErsProperties ers(String keyId, String privateKey) {
        return new ErsProperties("http://localhost:8080/ers-sim/FHIR", "R69", "REFERRING_CLINICIAN", null, "create-then-send",
                null, null, null, 20, 3, new ErsProperties.Auth("signed-jwt", null, "api-key", keyId, null, null, privateKey,
                null, null));
    }

    private static SimulatorProperties simulator(String publicKey) {
        return new SimulatorProperties(true, null, null, publicKey, null, null, null);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Test
    void withNothingConfiguredNoKeyIsRegistered() {
        ClientKeys keys = new ClientKeys(simulator(null), ers("kid-1", null));
        assertThat(keys.none()).isTrue();
        assertThat(keys.forKid("kid-1")).isEmpty();
    }

    @Test
    void withoutAConfiguredKeyTheApplicationsOwnKeyIsRegisteredUnderItsKid() {
        ClientKeys keys = new ClientKeys(simulator(""), ers("kid-1", pem("PRIVATE KEY", KEYS.getPrivate().getEncoded())));
        assertThat(keys.forKid("kid-1")).contains((RSAPublicKey) KEYS.getPublic());
        assertThat(keys.forKid("kid-2")).isEmpty();
    }

    @Test
    void aConfiguredPemOrJwkSetWins() {
        KeyPair other = SimulatorTestBase.rsaKeys();
        ClientKeys pem = new ClientKeys(simulator(pem("PUBLIC KEY", other.getPublic().getEncoded())),
                ers("kid-1", pem("PRIVATE KEY", KEYS.getPrivate().getEncoded())));
        assertThat(pem.forKid("kid-1")).contains((RSAPublicKey) other.getPublic());

        String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) other.getPublic()).keyID("jwks-kid").build()).toString();
        ClientKeys set = new ClientKeys(simulator(jwks), ers(null, null));
        assertThat(set.forKid("jwks-kid")).contains((RSAPublicKey) other.getPublic());
        assertThat(set.forKid("kid-1")).isEmpty();

        assertThatThrownBy(() -> new ClientKeys(simulator("not a key"), ers(null, null)))
                .hasMessage("ers.simulator.client-public-key is neither an RSA public key in X.509 PEM form nor a JWK set");
    }
}
