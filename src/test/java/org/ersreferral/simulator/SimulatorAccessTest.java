package org.ersreferral.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The simulated token endpoint (signed JWT) and the archived professional session (A001-A003). */
class SimulatorAccessTest extends SimulatorTestBase {

    /** An RS512 assertion signed with the registered key; any other alg gets a made-up signature. */
    private String jwt(String alg, long expSeconds, String jti) {
        String aud = "http://localhost:" + port + "/ers-sim/oauth2/token";
        if (!"RS512".equals(alg)) {
            String header = TokenController.base64Url("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"test-1\"}");
            String claims = TokenController.base64Url("{\"iss\":\"api-key\",\"sub\":\"api-key\",\"aud\":\"" + aud + "\","
                    + "\"jti\":\"" + jti + "\",\"exp\":" + (Instant.now().getEpochSecond() + expSeconds) + "}");
            return header + "." + claims + ".c2lnbmF0dXJl";
        }
        try {
            SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).type(JOSEObjectType.JWT).keyID(KEY_ID).build(),
                    new JWTClaimsSet.Builder().issuer("api-key").subject("api-key").audience(aud).jwtID(jti)
                            .expirationTime(Date.from(Instant.now().plusSeconds(expSeconds))).build());
            signed.sign(new RSASSASigner(CLIENT_KEYS.getPrivate()));
            return signed.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private SimulatorHttp.Result token(String assertion) {
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(TokenController.ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        return http.post("/ers-sim/oauth2/token").header("Authorization", null)
                .bytes("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8)).send();
    }

    @Test
    void signedJwtGivesABearerToken() {
        SimulatorHttp.Result ok = token(jwt("RS512", 240, UUID.randomUUID().toString()));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(ok.json().path("expires_in").asInt()).isPositive();
        String accessToken = ok.json().path("access_token").asText();
        assertThat(http.get("/STU3/CodeSystem/PRIORITY").header("Authorization", "Bearer " + accessToken).send().status()).isEqualTo(200);

        assertThat(token(jwt("HS256", 240, UUID.randomUUID().toString())).json().path("error_description").asText()).contains("RS512");
        assertThat(token(jwt("RS512", 900, UUID.randomUUID().toString())).json().path("error_description").asText()).contains("5 minutes");
        assertThat(token(jwt("RS512", -10, UUID.randomUUID().toString())).status()).isEqualTo(400);
        String jti = UUID.randomUUID().toString();
        assertThat(token(jwt("RS512", 240, jti)).status()).isEqualTo(200);
        assertThat(token(jwt("RS512", 240, jti)).json().path("error_description").asText()).contains("jti");
        assertThat(token("not-a-jwt").status()).isEqualTo(400);

        assertThat(http.post("/ers-sim/admin/faults").bytes("application/json",
                "{\"operation\":\"TOKEN\",\"status\":503}".getBytes()).send().status()).isEqualTo(201);
        assertThat(token(jwt("RS512", 240, UUID.randomUUID().toString())).status()).isEqualTo(503);
        assertThat(token(jwt("RS512", 240, UUID.randomUUID().toString())).status()).isEqualTo(200);
    }

    @Test
    void professionalSessionStandsInForTheToken() {
        SimulatorHttp.Result created = http.post("/ers-sim/ers-api/v1/ProfessionalSession").header("XAPI_ASID", "200000000001")
                .bytes("application/json", ("{\"typeInfo\":\"" + ProfessionalSessionController.TYPE
                        + "\",\"token\":{\"token\":\"" + tokens.smartcardToken() + "\"}}").getBytes()).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("id").asText();
        JsonNode permission = created.json().path("user").path("permissions").path(0);
        assertThat(permission.path("businessFunction").asText()).isEqualTo("REFERRING_CLINICIAN");

        SimulatorHttp.Call viaSession = http.get("/STU3/CodeSystem/PRIORITY").header("Authorization", null)
                .header("NHSD-eRS-Business-Function", null).header("NHSD-End-User-Organisation-ODS", null)
                .header("HTTP_X_SESSION_KEY", id);
        assertThat(viaSession.send().status()).as("no role selected yet").isEqualTo(401);

        SimulatorHttp.Result selected = http.call("PUT", "/ers-sim/ers-api/v1/ProfessionalSession/" + id)
                .bytes("application/json", ("{\"typeInfo\":\"" + ProfessionalSessionController.TYPE + "\",\"permission\":"
                        + permission + "}").getBytes()).send();
        assertThat(selected.status()).as(selected.text()).isEqualTo(200);
        assertThat(selected.json().path("user").path("permission").path("orgIdentifier").asText()).isEqualTo("R69");
        assertThat(viaSession.send().status()).isEqualTo(200);
        SimulatorHttp.Result search = http.post("/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient")
                .header("Authorization", null).header("NHSD-eRS-Business-Function", null).header("NHSD-End-User-Organisation-ODS", null)
                .header("HTTP_X_SESSION_KEY", id).json(Requests.search("ROUTINE", "DERMATOLOGY", null)).send();
        assertThat(search.status()).as(search.text()).isEqualTo(200);

        assertThat(http.call("DELETE", "/ers-sim/ers-api/v1/ProfessionalSession/" + id).send().status()).isEqualTo(200);
        assertThat(viaSession.send().status()).isEqualTo(401);
        assertThat(http.get("/ers-sim/admin/calls").send().json().path("A001").asInt()).isEqualTo(1);
    }
}
