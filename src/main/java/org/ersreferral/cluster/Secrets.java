package org.ersreferral.cluster;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets the launcher chooses for the applications it starts. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code bytes} random bytes, base64 (URL-safe, no padding: fits a header, a URL and a command line). */
    static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** An AES-256 key, standard base64, as {@code ERS_TOKEN_KEY} takes it. */
    static String aesKey() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
