package org.ersreferral.security.tokens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param key           the AES-256 key (base64 of 32 bytes) the users' e-RS tokens are encrypted with
 * @param keyFile       a file holding that key instead (e.g. a container secret); wins over {@code key}
 * @param refreshBefore an access token this close to its expiry is refreshed before it is handed out
 */
@ConfigurationProperties("ers.user-tokens")
public record UserTokensProperties(String key, String keyFile, @DefaultValue("60s") Duration refreshBefore) {

    @Override
    public String toString() {
        return "UserTokensProperties[key=" + (key == null || key.isBlank() ? "" : "***") + ", keyFile=" + keyFile
                + ", refreshBefore=" + refreshBefore + "]";
    }
}
