package org.ersreferral.simulator;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The NHS API platform's token endpoint for application-restricted signed-JWT access. A client
 * assertion gets a token only when it is an RS512 JWT whose signature verifies against the public
 * key registered for its {@code kid} ({@link ClientKeys}), with iss = sub, aud = this endpoint's URL,
 * a unique jti and exp at most five minutes ahead. Form errors answer 400 {@code invalid_request},
 * an unknown key or a bad signature 401 {@code invalid_client}.
 */
@RestController
@ConditionalOnSimulator
class TokenController {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final AccessTokens tokens;
    private final CallLog calls;
    private final Faults faults;
    private final ClientKeys clientKeys;
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();

    TokenController(AccessTokens tokens, CallLog calls, Faults faults, ClientKeys clientKeys) {
        this.tokens = tokens;
        this.calls = calls;
        this.faults = faults;
        this.clientKeys = clientKeys;
    }

    @PostMapping(path = "/ers-sim/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> token(HttpServletRequest request,
                                              @RequestParam(name = "grant_type", required = false) String grantType,
                                              @RequestParam(name = "client_assertion_type", required = false) String assertionType,
                                              @RequestParam(name = "client_assertion", required = false) String assertion)
            throws InterruptedException {
        calls.record("TOKEN");
        int faulted = faults.applyTo("TOKEN");
        if (faulted > 0) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", faulted == 429 ? "rate_limited" : "server_error");
            body.put("error_description", "Simulated fault on the token endpoint: status " + faulted);
            return ResponseEntity.status(faulted).body(body);
        }
        if (!"client_credentials".equals(grantType)) {
            return error("unsupported_grant_type", "grant_type must be 'client_credentials'");
        }
        if (!ASSERTION_TYPE.equals(assertionType)) {
            return error("invalid_request", "client_assertion_type must be '" + ASSERTION_TYPE + "'");
        }
        if (assertion == null || assertion.isBlank()) {
            return error("invalid_request", "Missing client_assertion");
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            return error("invalid_request", "Malformed JWT in client_assertion: expected header.payload.signature");
        }
        Header parsedHeader;
        try {
            parsedHeader = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException e) {
            return error("invalid_request", "Malformed JWT in client_assertion: header or payload is not base64url JSON");
        }
        // alg first, from the header alone: an unsigned ('none') or HMAC assertion is refused whatever follows it
        if (!(parsedHeader instanceof JWSHeader jws) || !JWSAlgorithm.RS512.equals(jws.getAlgorithm())) {
            return error("invalid_request", "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'");
        }
        if (parts[2].isEmpty()) {
            return error("invalid_request", "Malformed JWT in client_assertion: expected header.payload.signature");
        }
        SignedJWT signed;
        try {
            signed = SignedJWT.parse(assertion);
        } catch (ParseException e) {
            return error("invalid_request", "Malformed JWT in client_assertion: header or payload is not base64url JSON");
        }
        JWSHeader header = signed.getHeader();
        String kid = header.getKeyID();
        if (kid == null || kid.isBlank()) {
            return error("invalid_request", "Missing 'kid' header in client_assertion JWT");
        }
        if (header.getType() != null && !"JWT".equalsIgnoreCase(header.getType().getType())) {
            return error("invalid_request", "Invalid 'typ' header in client_assertion JWT - must be 'JWT'");
        }
        if (clientKeys.none()) {
            return unauthorised("No public key is registered for signed-JWT clients (ers.simulator.client-public-key)");
        }
        Optional<RSAPublicKey> key = clientKeys.forKid(kid);
        if (key.isEmpty()) {
            return unauthorised("Invalid 'kid' header in client_assertion JWT - no matching public key");
        }
        try {
            if (!signed.verify(new RSASSAVerifier(key.get()))) {
                return unauthorised("Invalid signature of client_assertion JWT: it does not verify against the public key of 'kid'");
            }
        } catch (JOSEException e) {
            return unauthorised("Invalid signature of client_assertion JWT: it does not verify against the public key of 'kid'");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            return error("invalid_request", "Malformed JWT in client_assertion: the payload is not a claims set");
        }
        if (blank(claims.getIssuer())) {
            return error("invalid_request", "Missing 'iss' claim in client_assertion JWT");
        }
        if (blank(claims.getSubject())) {
            return error("invalid_request", "Missing 'sub' claim in client_assertion JWT");
        }
        if (claims.getAudience().isEmpty() || blank(claims.getAudience().get(0))) {
            return error("invalid_request", "Missing 'aud' claim in client_assertion JWT");
        }
        if (blank(claims.getJWTID())) {
            return error("invalid_request", "Missing 'jti' claim in client_assertion JWT");
        }
        if (claims.getExpirationTime() == null) {
            return error("invalid_request", "Missing 'exp' claim in client_assertion JWT");
        }
        if (!claims.getIssuer().equals(claims.getSubject())) {
            return error("invalid_request", "Invalid 'iss'/'sub' claims in client_assertion JWT: they must both be the API key");
        }
        String tokenUrl = request.getRequestURL().toString();
        if (claims.getAudience().size() != 1 || !tokenUrl.equals(claims.getAudience().get(0))) {
            return error("invalid_request", "Invalid 'aud' claim in client_assertion JWT: it must be the token URL " + tokenUrl);
        }
        long now = Instant.now().getEpochSecond();
        long exp = claims.getExpirationTime().toInstant().getEpochSecond();
        if (exp <= now) {
            return error("invalid_request", "Invalid 'exp' claim in client_assertion JWT - JWT has expired");
        }
        if (exp > now + 300 + 5) {
            return error("invalid_request", "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future");
        }
        if (!usedJtis.add(claims.getJWTID())) {
            return error("invalid_request", "Non-unique 'jti' claim in client_assertion JWT");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue());
        body.put("expires_in", String.valueOf(AccessTokens.TOKEN_SECONDS));
        body.put("token_type", "Bearer");
        body.put("issued_at", String.valueOf(System.currentTimeMillis()));
        return ResponseEntity.ok(body);
    }

    /** The signature or key is wrong: OAuth2's {@code invalid_client}, 401. */
    private static ResponseEntity<Map<String, Object>> unauthorised(String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_client");
        body.put("error_description", description);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(body);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ResponseEntity<Map<String, Object>> error(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return ResponseEntity.badRequest().body(body);
    }

    static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
