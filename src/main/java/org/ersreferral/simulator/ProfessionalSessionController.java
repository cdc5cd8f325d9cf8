package org.ersreferral.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The archived professional-session API (A001 create, A002 select role, A003 end). A session with
 * a selected role stands in for a bearer token on the FHIR API via {@code HTTP_X_SESSION_KEY}.
 */
@RestController
@ConditionalOnSimulator
@RequestMapping("/ers-sim/ers-api/v1/ProfessionalSession")
class ProfessionalSessionController {

    static final String TYPE = "uk.nhs.ers.xapi.dto.v1.session.ProfessionalSession";
    private static final String USER_ID = "000000000101";

    private final AccessTokens tokens;
    private final CallLog calls;
    private final Faults faults;

    ProfessionalSessionController(AccessTokens tokens, CallLog calls, Faults faults) {
        this.tokens = tokens;
        this.calls = calls;
        this.faults = faults;
    }

    /** Counts the call and answers an armed fault, if any (null = carry on). */
    private ResponseEntity<Map<String, Object>> enter(String operation) throws InterruptedException {
        calls.record(operation);
        int status = faults.applyTo(operation);
        return status > 0 ? refuse(HttpStatus.valueOf(status), "SIMULATED_FAULT", "Simulated fault on " + operation + ".") : null;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestHeader(name = "XAPI_ASID", required = false) String asid,
                                               @RequestBody(required = false) JsonNode body) throws InterruptedException {
        ResponseEntity<Map<String, Object>> faulted = enter("A001");
        if (faulted != null) {
            return faulted;
        }
        if (asid == null || asid.isBlank()) {
            return refuse(HttpStatus.UNPROCESSABLE_ENTITY, "MISSING_VALUE", "Header 'XAPI_ASID' (the accredited system id) is required.");
        }
        if (body == null || body.path("token").path("token").asText().isBlank()) {
            return refuse(HttpStatus.UNPROCESSABLE_ENTITY, "MISSING_VALUE", "The smartcard token (token.token) is required.");
        }
        if (!tokens.validSmartcard(body.path("token").path("token").asText())) {
            return refuse(HttpStatus.UNAUTHORIZED, "UNAUTHORISED", "The smartcard token (token.token) is not valid.");
        }
        AccessTokens.Session session = tokens.openSession(List.of(
                new AccessTokens.Permission("REFERRING_CLINICIAN", "R69", "Cicero Practice"),
                new AccessTokens.Permission("REFERRING_CLINICIAN_ADMIN", "R69", "Cicero Practice"),
                new AccessTokens.Permission("SERVICE_PROVIDER_CLINICIAN", "R68", "Cicero Hospital")));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(session));
    }

    @PutMapping("/{id}")
    ResponseEntity<Map<String, Object>> selectRole(@PathVariable String id, @RequestBody(required = false) JsonNode body) throws InterruptedException {
        ResponseEntity<Map<String, Object>> faulted = enter("A002");
        if (faulted != null) {
            return faulted;
        }
        AccessTokens.Session session = tokens.session(id);
        if (session == null) {
            return refuse(HttpStatus.NOT_FOUND, "REFERENCE_NOT_FOUND", "The professional session does not exist or has ended.");
        }
        JsonNode chosen = body == null ? null : body.hasNonNull("permission") ? body.path("permission") : body.path("user").path("permission");
        if (chosen == null || chosen.isMissingNode() || chosen.isNull()) {
            return refuse(HttpStatus.UNPROCESSABLE_ENTITY, "MISSING_VALUE", "Choose one of the session's permissions (permission).");
        }
        AccessTokens.Permission permission = session.permissions().stream()
                .filter(p -> p.businessFunction().equals(chosen.path("businessFunction").asText())
                        && p.orgIdentifier().equals(chosen.path("orgIdentifier").asText()))
                .findFirst().orElse(null);
        if (permission == null) {
            return refuse(HttpStatus.FORBIDDEN, "FORBIDDEN", "The user has no permission " + chosen.path("businessFunction").asText()
                    + " at " + chosen.path("orgIdentifier").asText() + ".");
        }
        return ResponseEntity.ok(view(tokens.select(id, permission)));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Map<String, Object>> end(@PathVariable String id) throws InterruptedException {
        ResponseEntity<Map<String, Object>> faulted = enter("A003");
        if (faulted != null) {
            return faulted;
        }
        if (!tokens.endSession(id)) {
            return refuse(HttpStatus.NOT_FOUND, "REFERENCE_NOT_FOUND", "The professional session does not exist or has ended.");
        }
        return ResponseEntity.ok().build();
    }

    private static Map<String, Object> view(AccessTokens.Session session) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("identifier", USER_ID);
        user.put("permissions", session.permissions());
        user.put("permission", session.selected());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", session.id());
        body.put("typeInfo", TYPE);
        body.put("user", user);
        return body;
    }

    private static ResponseEntity<Map<String, Object>> refuse(HttpStatus status, String code, String diagnostics) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resourceType", "OperationOutcome");
        body.put("issue", List.of(Map.of("severity", "error", "code", status == HttpStatus.NOT_FOUND ? "not-found" : "value",
                "details", Map.of("coding", List.of(Map.of("system", FhirIo.ERS_CS + "eRS-APIErrorCode-1", "code", code))),
                "diagnostics", diagnostics)));
        return ResponseEntity.status(status).body(body);
    }
}
