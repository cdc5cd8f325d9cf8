package org.ersreferral.security.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key the users' e-RS tokens are encrypted with: {@code ERS_TOKEN_KEY}, or the file named by
 * {@code ERS_TOKEN_KEY_FILE}. With neither, an H2 database (the demo's) gets a random key per start, so
 * stored tokens do not survive a restart and users sign in again; any other database refuses to start,
 * since its rows outlive the process and are shared by every node.
 */
@Configuration(proxyBeanMethods = false)
class TokenKeyConfig {

    private static final Logger LOG = LoggerFactory.getLogger(TokenKeyConfig.class);

    @Bean
    TokenCipher tokenCipher(UserTokensProperties properties, DataSource dataSource) {
        return cipher(properties, url(dataSource));
    }

    static TokenCipher cipher(UserTokensProperties properties, String databaseUrl) {
        byte[] key = configuredKey(properties);
        if (key != null) {
            return new TokenCipher(key);
        }
        if (databaseUrl != null && databaseUrl.startsWith("jdbc:h2:")) {
            LOG.info("No ERS_TOKEN_KEY or ERS_TOKEN_KEY_FILE: the users' e-RS tokens are encrypted with a random key of"
                    + " this start, so users sign in again after a restart");
            return TokenCipher.withRandomKey();
        }
        throw new IllegalStateException("No key for the users' e-RS tokens on a database that is not H2: set ERS_TOKEN_KEY"
                + " (ers.user-tokens.key) to a base64-encoded 256-bit key, e.g. the output of 'openssl rand -base64 32',"
                + " or ERS_TOKEN_KEY_FILE (ers.user-tokens.key-file) to a file holding one; every node needs the same key");
    }

    /** The key from the file when one is named, else the plain setting; null when neither is set. */
    private static byte[] configuredKey(UserTokensProperties properties) {
        if (properties.keyFile() != null && !properties.keyFile().isBlank()) {
            String text;
            try {
                text = Files.readString(Path.of(properties.keyFile()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the e-RS token key file named by ers.user-tokens.key-file"
                        + " (ERS_TOKEN_KEY_FILE)", e);
            }
            return decode(text, "the file named by ERS_TOKEN_KEY_FILE");
        }
        if (properties.key() != null && !properties.key().isBlank()) {
            return decode(properties.key(), "ERS_TOKEN_KEY");
        }
        return null;
    }

    /** Messages name the setting, never its content. */
    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("The e-RS token key in " + source + " is not base64");
        }
        if (key.length != TokenCipher.KEY_BYTES) {
            throw new IllegalStateException("The e-RS token key in " + source + " must be " + TokenCipher.KEY_BYTES
                    + " bytes (256 bits) once base64-decoded, not " + key.length);
        }
        return key;
    }

    private static String url(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database URL", e);
        }
    }
}
