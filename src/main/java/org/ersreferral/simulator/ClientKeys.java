package org.ersreferral.simulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.ers.PemPrivateKeys;
import org.springframework.stereotype.Component;

/**
 * The public keys registered for signed-JWT clients, as the NHS API platform holds the key an
 * application uploaded: {@code ers.simulator.client-public-key(-file)} (X.509 PEM, or a JWK set whose
 * keys are matched by {@code kid}); else, for the application itself, the public half of its own
 * {@code ers.auth.private-key(-file)} under {@code ers.auth.key-id}; else none, and every client
 * assertion is refused.
 */
@Component
@ConditionalOnSimulator
class ClientKeys {

    private final List<RSAKey> keys;

    ClientKeys(SimulatorProperties properties, ErsProperties ers) {
        this.keys = load(properties, ers.authOrDefault());
    }

    boolean none() {
        return keys.isEmpty();
    }

    /** The key registered for this {@code kid}; a key registered without a kid answers any. */
    Optional<RSAPublicKey> forKid(String kid) {
        return keys.stream().filter(k -> k.getKeyID() == null || k.getKeyID().equals(kid)).findFirst().map(k -> {
            try {
                return k.toRSAPublicKey();
            } catch (JOSEException e) {
                throw new IllegalStateException("ers.simulator.client-public-key holds an unusable RSA key", e);
            }
        });
    }

    private static List<RSAKey> load(SimulatorProperties properties, ErsProperties.Auth auth) {
        String text = properties.clientPublicKey();
        String source = "ers.simulator.client-public-key";
        if ((text == null || text.isBlank()) && properties.clientPublicKeyFile() != null
                && !properties.clientPublicKeyFile().isBlank()) {
            source = "ers.simulator.client-public-key-file";
            try {
                text = Files.readString(Path.of(properties.clientPublicKeyFile().trim()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + source + " " + properties.clientPublicKeyFile().trim(), e);
            }
        }
        if (text != null && !text.isBlank()) {
            return parse(text, source, auth.keyId());
        }
        return PemPrivateKeys.publicKeyFromSettings(auth.privateKeyFile(), auth.privateKey())
                .map(key -> List.of(new RSAKey.Builder(key).keyID(blankToNull(auth.keyId())).build()))
                .orElse(List.of());
    }

    static List<RSAKey> parse(String text, String source, String defaultKeyId) {
        String trimmed = text.replace("\\n", "\n").trim();
        try {
            if (trimmed.startsWith("{")) {
                List<JWK> jwks = trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed).getKeys() : List.of(JWK.parse(trimmed));
                List<RSAKey> rsa = jwks.stream().filter(RSAKey.class::isInstance).map(k -> ((RSAKey) k).toPublicJWK()).toList();
                if (rsa.isEmpty()) {
                    throw new IllegalStateException(source + " holds no RSA key");
                }
                return rsa;
            }
            String base64 = trimmed.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return List.of(new RSAKey.Builder(key).keyID(blankToNull(defaultKeyId)).build());
        } catch (ParseException | IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException(source + " is neither an RSA public key in X.509 PEM form nor a JWK set");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
