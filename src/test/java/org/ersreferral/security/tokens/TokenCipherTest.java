package org.ersreferral.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encryption of stored token values, and where its key comes from. */
class TokenCipherTest {

    private static final String POSTGRES = "jdbc:postgresql://db.example.org:5432/referrals";
    private static final TokenCipher.Owner ALICE = new TokenCipher.Owner("alice", "cis2");
    private static final String TOKEN = "access-token-value-0123456789";

    private final byte[] key = randomKey();
    private final TokenCipher cipher = new TokenCipher(key);

    @Test
    void aSealedValueOpensForItsOwnerAndColumn() {
        byte[] sealed = cipher.seal(TOKEN, ALICE, "access_token");

        assertThat(cipher.open(sealed, ALICE, "access_token")).isEqualTo(TOKEN);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(TOKEN);
        assertThat(cipher.seal(TOKEN, ALICE, "access_token")).as("a new nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anAlteredValueIsRefused() {
        byte[] sealed = cipher.seal(TOKEN, ALICE, "access_token");
        for (int position : new int[]{1, 12, sealed.length / 2, sealed.length - 1}) {
            byte[] altered = sealed.clone();
            altered[position] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(altered, ALICE, "access_token")).as("byte " + position + " flipped")
                    .isInstanceOf(TokenCipher.UnreadableToken.class).hasMessageNotContaining(TOKEN);
        }
        byte[] truncated = java.util.Arrays.copyOf(sealed, 20);
        assertThatThrownBy(() -> cipher.open(truncated, ALICE, "access_token")).isInstanceOf(TokenCipher.UnreadableToken.class);
    }

    @Test
    void aValueCopiedToAnotherUserRegistrationOrColumnIsRefused() {
        byte[] sealed = cipher.seal(TOKEN, ALICE, "access_token");

        assertThatThrownBy(() -> cipher.open(sealed, new TokenCipher.Owner("bob", "cis2"), "access_token"))
                .isInstanceOf(TokenCipher.UnreadableToken.class);
        assertThatThrownBy(() -> cipher.open(sealed, new TokenCipher.Owner("alice", "other"), "access_token"))
                .isInstanceOf(TokenCipher.UnreadableToken.class);
        assertThatThrownBy(() -> cipher.open(sealed, ALICE, "refresh_token"))
                .isInstanceOf(TokenCipher.UnreadableToken.class);
        // the owner's parts are length-prefixed: shifting characters between them makes another owner
        assertThatThrownBy(() -> cipher.open(sealed, new TokenCipher.Owner("alicec", "is2"), "access_token"))
                .isInstanceOf(TokenCipher.UnreadableToken.class);
    }

    @Test
    void anotherKeyCannotOpenIt() {
        byte[] sealed = cipher.seal(TOKEN, ALICE, "access_token");

        assertThatThrownBy(() -> new TokenCipher(randomKey()).open(sealed, ALICE, "access_token"))
                .isInstanceOf(TokenCipher.UnreadableToken.class);
    }

    @Test
    void theKeyComesFromTheFileWhenOneIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token-key");
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        TokenCipher fromFile = TokenKeyConfig.cipher(new UserTokensProperties(
                Base64.getEncoder().encodeToString(randomKey()), file.toString(), Duration.ofSeconds(60)), POSTGRES);

        assertThat(cipher.open(fromFile.seal(TOKEN, ALICE, "access_token"), ALICE, "access_token")).isEqualTo(TOKEN);
    }

    @Test
    void theKeyComesFromTheSetting() {
        TokenCipher fromSetting = TokenKeyConfig.cipher(new UserTokensProperties(
                Base64.getEncoder().encodeToString(key), "", Duration.ofSeconds(60)), POSTGRES);

        assertThat(cipher.open(fromSetting.seal(TOKEN, ALICE, "access_token"), ALICE, "access_token")).isEqualTo(TOKEN);
    }

    @Test
    void withoutAKeyAnyDatabaseButH2RefusesToStart() {
        assertThatThrownBy(() -> TokenKeyConfig.cipher(new UserTokensProperties("", "", Duration.ofSeconds(60)), POSTGRES))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ERS_TOKEN_KEY")
                .hasMessageContaining("ERS_TOKEN_KEY_FILE");
    }

    @Test
    void withoutAKeyH2GetsARandomOneEachStart() {
        UserTokensProperties none = new UserTokensProperties(null, null, Duration.ofSeconds(60));
        TokenCipher first = TokenKeyConfig.cipher(none, "jdbc:h2:mem:tokens");
        TokenCipher second = TokenKeyConfig.cipher(none, "jdbc:h2:file:./data/ers-referral");

        byte[] sealed = first.seal(TOKEN, ALICE, "access_token");
        assertThat(first.open(sealed, ALICE, "access_token")).isEqualTo(TOKEN);
        assertThatThrownBy(() -> second.open(sealed, ALICE, "access_token")).isInstanceOf(TokenCipher.UnreadableToken.class);
    }

    @Test
    void aBadKeyIsRefusedWithoutShowingIt(@TempDir Path dir) throws Exception {
        String shortKey = Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        assertThatThrownBy(() -> TokenKeyConfig.cipher(new UserTokensProperties(shortKey, null, Duration.ZERO), POSTGRES))
                .hasMessageContaining("256 bits").hasMessageNotContaining(shortKey);
        String notBase64 = "this is not a key!";
        assertThatThrownBy(() -> TokenKeyConfig.cipher(new UserTokensProperties(notBase64, null, Duration.ZERO), POSTGRES))
                .hasMessageContaining("base64").hasMessageNotContaining(notBase64);
        Path file = dir.resolve("short-key");
        Files.writeString(file, shortKey);
        assertThatThrownBy(() -> TokenKeyConfig.cipher(new UserTokensProperties(null, file.toString(), Duration.ZERO), POSTGRES))
                .hasMessageContaining("ERS_TOKEN_KEY_FILE").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> TokenKeyConfig.cipher(new UserTokensProperties(null, dir.resolve("missing").toString(),
                Duration.ZERO), POSTGRES)).hasMessageContaining("Cannot read the e-RS token key file");
    }

    @Test
    void neitherTheSettingsNorTheCipherPrintTheKey() {
        String encoded = Base64.getEncoder().encodeToString(key);

        assertThat(new UserTokensProperties(encoded, null, Duration.ofSeconds(60)).toString()).doesNotContain(encoded)
                .contains("key=***");
        assertThat(cipher.toString()).doesNotContain(encoded);
        assertThat(new UserToken(TOKEN, null).toString()).doesNotContain(TOKEN);
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
