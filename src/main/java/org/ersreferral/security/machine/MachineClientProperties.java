package org.ersreferral.security.machine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How machine clients (GP systems, automation) are recognised: bearer tokens (JWT) of one issuer.
 *
 * @param issuer              the token issuer ({@code iss}); blank: bearer tokens are not accepted at all
 * @param jwkSetUri           where the issuer's signing keys are; blank: from the issuer's discovery document
 * @param audience            a value the token's {@code aud} must contain (required with an issuer)
 * @param clientIdClaim       the claim that names the client: {@code sub}, {@code client_id} or {@code azp}
 * @param scopeGroups         {@code scope=group} pairs, comma-separated: the groups a token's scopes give
 * @param clientOrganisations {@code client=ODS code} pairs, comma-separated: each client's organisation
 * @param organisationClaim   a claim holding the ODS code(s) of clients not in {@code clientOrganisations}; blank: none
 */
@ConfigurationProperties("referral.security.machine-clients")
public record MachineClientProperties(String issuer, String jwkSetUri, String audience,
                                      @DefaultValue("sub") String clientIdClaim, String scopeGroups,
                                      String clientOrganisations, String organisationClaim) {

    public boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }

    /** Scope to group. */
    public Map<String, String> scopeGroupMap() {
        return pairs(scopeGroups, "referral.security.machine-clients.scope-groups (ERS_API_SCOPE_GROUPS)");
    }

    /** Client id to ODS code. */
    public Map<String, String> clientOrganisationMap() {
        return pairs(clientOrganisations, "referral.security.machine-clients.client-organisations (ERS_API_CLIENT_ORGANISATIONS)");
    }

    static Map<String, String> pairs(String text, String setting) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return pairs;
        }
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String key = equals < 0 ? "" : entry.substring(0, equals).strip();
            String value = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (key.isEmpty() || value.isEmpty()) {
                throw new IllegalStateException(setting + " takes name=value pairs separated by commas; '" + entry.strip()
                        + "' is not one");
            }
            if (pairs.putIfAbsent(key, value) != null) {
                throw new IllegalStateException(setting + " names '" + key + "' twice");
            }
        }
        return pairs;
    }
}
