package org.ersreferral.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The NHS API platform's token endpoint for application-restricted signed-JWT access. It checks
 * the client assertion's form (RS512 header with a kid, iss = sub, aud, unique jti, exp at most
 * five minutes ahead) but not its signature: the simulator has no registered public keys.
 */
@RestController
@ConditionalOnSimulator
class TokenController {

    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final AccessTokens tokens;
    private final CallLog calls;
    private final Faults faults;
    private final ObjectMapper mapper;
    private final Set<String> usedJtis = ConcurrentHashMap.newKeySet();

    TokenController(AccessTokens tokens, CallLog calls, Faults faults, ObjectMapper mapper) {
        this.tokens = tokens;
        this.calls = calls;
        this.faults = faults;
        this.mapper = mapper;
    }

    @PostMapping(path = "/ers-sim/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
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
        String[] parts = assertion.split("\\.");
        if (parts.length != 3 || parts[2].isEmpty()) {
            return error("invalid_request", "Malformed JWT in client_assertion: expected header.payload.signature");
        }
        JsonNode header;
        JsonNode claims;
        try {
            header = mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            return error("invalid_request", "Malformed JWT in client_assertion: header or payload is not base64url JSON");
        }
        if (!"RS512".equals(header.path("alg").asText())) {
            return error("invalid_request", "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'");
        }
        if (header.path("kid").asText().isBlank()) {
            return error("invalid_request", "Missing 'kid' header in client_assertion JWT");
        }
        if (header.hasNonNull("typ") && !"JWT".equalsIgnoreCase(header.path("typ").asText())) {
            return error("invalid_request", "Invalid 'typ' header in client_assertion JWT - must be 'JWT'");
        }
        for (String claim : new String[] {"iss", "sub", "aud", "jti", "exp"}) {
            if (!claims.hasNonNull(claim) || claims.path(claim).asText().isBlank()) {
                return error("invalid_request", "Missing '" + claim + "' claim in client_assertion JWT");
            }
        }
        if (!claims.path("iss").asText().equals(claims.path("sub").asText())) {
            return error("invalid_request", "Invalid 'iss'/'sub' claims in client_assertion JWT: they must both be the API key");
        }
        if (!claims.path("aud").asText().endsWith("/oauth2/token")) {
            return error("invalid_request", "Invalid 'aud' claim in client_assertion JWT: it must be the token URL");
        }
        long now = Instant.now().getEpochSecond();
        long exp = claims.path("exp").asLong();
        if (exp <= now) {
            return error("invalid_request", "Invalid 'exp' claim in client_assertion JWT - JWT has expired");
        }
        if (exp > now + 300 + 5) {
            return error("invalid_request", "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future");
        }
        if (!usedJtis.add(claims.path("jti").asText())) {
            return error("invalid_request", "Non-unique 'jti' claim in client_assertion JWT");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue());
        body.put("expires_in", String.valueOf(AccessTokens.TOKEN_SECONDS));
        body.put("token_type", "Bearer");
        body.put("issued_at", String.valueOf(System.currentTimeMillis()));
        return ResponseEntity.ok(body);
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
