package org.ersreferral.security.tokens;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for stored token values. Each value gets a random 96-bit nonce; the owner (user id,
 * client registration) and the column are authenticated with it, so a value copied to another
 * user's row, or from the refresh column to the access column, does not decrypt.
 * Sealed layout: format byte, nonce, ciphertext with its 128-bit tag.
 */
final class TokenCipher {

    static final int KEY_BYTES = 32;
    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    TokenCipher(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("The e-RS token key must be " + KEY_BYTES + " bytes (256 bits)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A cipher with a new random key, for a database that does not outlive the process. */
    static TokenCipher withRandomKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new TokenCipher(key);
    }

    byte[] seal(String value, Owner owner, String column) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(owner, column));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The value, or {@link UnreadableToken} when it was sealed with another key, for another owner, or altered. */
    String open(byte[] sealed, Owner owner, String column) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
            throw new UnreadableToken();
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(owner, column));
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException wrong) {
            throw new UnreadableToken();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Length-prefixed, so no choice of user id can make two owners' data equal. */
    private static byte[] associatedData(Owner owner, String column) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("ers-user-token");
            out.writeUTF(owner.userId());
            out.writeUTF(owner.registrationId());
            out.writeUTF(column);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        return "TokenCipher[AES-256-GCM]";
    }

    /** Whose token a value is: the signed-in user and the client registration it was issued to. */
    record Owner(String userId, String registrationId) {
    }

    /** A stored value that does not decrypt. Says nothing of the value or the key. */
    static final class UnreadableToken extends RuntimeException {
        UnreadableToken() {
            super("A stored e-RS token does not decrypt with the configured key for its user: another key, or an altered row",
                    null, false, false);
        }
    }
}
