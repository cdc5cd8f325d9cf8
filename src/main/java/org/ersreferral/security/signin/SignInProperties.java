package org.ersreferral.security.signin;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people sign in (OpenID Connect, registration {@code cis2}), bound from {@code ers.sign-in.*}.
 * With no issuer and the embedded simulator running, the simulator's CIS2 is the provider and every
 * other setting but the mappings is taken from it.
 *
 * @param issuer             the provider's issuer; blank: the embedded simulator's
 * @param clientId           the application's client id at the provider
 * @param clientSecret       its secret (never logged)
 * @param scopes             what to ask for; {@code nationalrbacaccess} brings the roles
 * @param authorizationUri   with {@code tokenUri} and {@code jwkSetUri}: the endpoints, without asking the issuer;
 *                           blank: read from the issuer's discovery document when the first person signs in
 * @param tokenUri           see {@code authorizationUri}
 * @param jwkSetUri          see {@code authorizationUri}
 * @param endSessionUri      where sign-out sends the browser (RP-initiated logout); blank: the discovery document's
 * @param userIdClaim        the claim that becomes the Camunda user id
 * @param groups             each Camunda group to the CIS2 role codes that give it: a role code whole
 *                           ({@code S8000:G8000:R8000}) or its job role part ({@code R8000})
 */
@ConfigurationProperties("ers.sign-in")
public record SignInProperties(String issuer, String clientId, String clientSecret,
                               @DefaultValue({"openid", "profile", "nationalrbacaccess"}) List<String> scopes,
                               String authorizationUri, String tokenUri, String jwkSetUri, String endSessionUri,
                               @DefaultValue("nhsid_useruid") String userIdClaim,
                               Map<String, List<String>> groups) {

    public SignInProperties {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        groups = groups == null ? Map.of() : Map.copyOf(groups);
    }

    boolean embedded() {
        return issuer == null || issuer.isBlank();
    }

    boolean endpointsGiven() {
        return given(authorizationUri) && given(tokenUri) && given(jwkSetUri);
    }

    static boolean given(String setting) {
        return setting != null && !setting.isBlank();
    }

    @Override
    public String toString() {
        return "SignInProperties[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null || clientSecret.isBlank() ? "" : "***") + ", scopes=" + scopes + ", userIdClaim="
                + userIdClaim + ", groups=" + groups + "]";
    }
}
