package org.ersreferral.ers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The NHS API platform's client assertion: an RS512 JWT signed with the application's registered key,
 * {@code kid} its key id, {@code iss} = {@code sub} = the API key, {@code aud} the token URL, a fresh
 * {@code jti} and {@code exp} within five minutes. Sent with {@code client_assertion_type}
 * {@value #TYPE} by the application-restricted flow and by the token exchange of signed-in people.
 * Never logged.
 */
public final class ClientAssertion {

    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The platform allows at most five minutes; less leaves room for clock skew. */
    static final Duration LIFETIME = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final String keyId;
    private final String tokenUrl;
    private final PrivateKey privateKey;
    private final Clock clock;

    ClientAssertion(String apiKey, String keyId, String tokenUrl, PrivateKey privateKey, Clock clock) {
        this.apiKey = apiKey;
        this.keyId = keyId;
        this.tokenUrl = tokenUrl;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /**
     * From {@code ers.auth.*}; start-up fails naming the first missing setting, as {@code needer} (the
     * setting that needs them, e.g. {@code ers.auth.mode=signed-jwt}) says.
     */
    public static ClientAssertion fromProperties(ErsProperties properties, Clock clock, String needer) {
        ErsProperties.Auth auth = properties.authOrDefault();
        String apiKey = require(auth.apiKey(), "ers.auth.api-key (ERS_API_KEY)", needer);
        String keyId = require(auth.keyId(), "ers.auth.key-id (ERS_KEY_ID)", needer);
        if (blank(auth.privateKey()) && blank(auth.privateKeyFile())) {
            throw new IllegalStateException(needer + " needs ers.auth.private-key-file (ERS_PRIVATE_KEY_FILE)"
                    + " or ers.auth.private-key (ERS_PRIVATE_KEY)");
        }
        return new ClientAssertion(apiKey, keyId, require(properties.tokenUrl(), "ers.auth.token-url (ERS_TOKEN_URL)", needer),
                PemPrivateKeys.fromSettings(auth.privateKeyFile(), auth.privateKey()), clock);
    }

    /** The API key: the client id the platform knows the application by. */
    public String apiKey() {
        return apiKey;
    }

    /** The token URL the assertions are addressed to. */
    public String tokenUrl() {
        return tokenUrl;
    }

    /** A new assertion: {@code header.claims.signature}, base64url without padding, RS512 (SHA512withRSA). */
    public String sign() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS512");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", apiKey);
        claims.put("sub", apiKey);
        claims.put("aud", tokenUrl);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("exp", clock.instant().plus(LIFETIME).getEpochSecond());
        try {
            String signingInput = base64Url(JSON.writeValueAsBytes(header)) + "." + base64Url(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA512withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the client assertion (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "ClientAssertion[apiKey=***, keyId=" + keyId + ", tokenUrl=" + tokenUrl + "]";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static String require(String value, String name, String needer) {
        if (blank(value)) {
            throw new IllegalStateException(needer + " needs " + name);
        }
        return value.trim();
    }
}
