package org.ersreferral.ers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;

/** Reads the signed-JWT private key (PKCS#8 PEM, RSA) with the JDK alone. Messages never quote the key. */
public final class PemPrivateKeys {

    private PemPrivateKeys() {
    }

    /** From {@code ers.auth.private-key-file}, else {@code ers.auth.private-key}. */
    static PrivateKey fromSettings(String file, String pem) {
        if (file != null && !file.isBlank()) {
            try {
                return parse(Files.readString(Path.of(file.trim()), StandardCharsets.US_ASCII), "ers.auth.private-key-file");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read ers.auth.private-key-file " + file.trim(), e);
            }
        }
        if (pem != null && !pem.isBlank()) {
            return parse(pem, "ers.auth.private-key");
        }
        throw new IllegalStateException("ers.auth.mode=signed-jwt needs ers.auth.private-key-file (ERS_PRIVATE_KEY_FILE)"
                + " or ers.auth.private-key (ERS_PRIVATE_KEY)");
    }

    /**
     * The public half of the configured signed-JWT key ({@code ers.auth.private-key-file} or
     * {@code ers.auth.private-key}), empty when neither is set: the embedded simulator registers it
     * as the application's key, as the NHS API platform has the public key the application uploaded.
     */
    public static Optional<RSAPublicKey> publicKeyFromSettings(String file, String pem) {
        if ((file == null || file.isBlank()) && (pem == null || pem.isBlank())) {
            return Optional.empty();
        }
        if (!(fromSettings(file, pem) instanceof RSAPrivateCrtKey key)) {
            throw new IllegalStateException("The signed-JWT private key has no public exponent; a PKCS#8 RSA key is needed");
        }
        try {
            return Optional.of((RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public key of the signed-JWT private key", e);
        }
    }

    static PrivateKey parse(String pem, String source) {
        // environment variables often carry the PEM with literal \n instead of line breaks
        String text = pem.replace("\\n", "\n").trim();
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException(source + " is a PKCS#1 key; convert it to PKCS#8 with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
        }
        if (text.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalStateException(source + " is encrypted; an unencrypted PKCS#8 key is needed");
        }
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // the cause's message may describe key bytes: leave it out
            throw new IllegalStateException(source + " is not an RSA private key in PKCS#8 PEM form");
        }
    }
}
