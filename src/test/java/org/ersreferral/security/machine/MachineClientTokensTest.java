package org.ersreferral.security.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** A token's client id, groups and organisations come from the configured claim and mappings only. */
class MachineClientTokensTest {

    private static final String SCOPES = "referrals.write=referral-coordinators,analytics.read=referral-analysts";

    @Test
    void scopesGiveOnlyTheirMappedGroupsAndTheClientMappingGivesTheOrganisation() {
        MachineClient client = convert(properties("sub", "gp-1=R69", ""),
                Map.of("sub", "gp-1", "scope", "referrals.write camunda-admin admin", "org", "RXB"));
        assertThat(client.getName()).isEqualTo("gp-1");
        assertThat(client.groups()).containsExactly("referral-coordinators");
        assertThat(client.organisations()).containsExactly("R69");
    }

    @Test
    void theOrganisationClaimServesClientsOfNoMapping() {
        MachineClient client = convert(properties("client_id", "gp-1=R69", "ods_codes"),
                Map.of("sub", "someone", "client_id", "tool-2", "scp", List.of("analytics.read"), "ods_codes", List.of("RXB", "R69")));
        assertThat(client.getName()).isEqualTo("tool-2");
        assertThat(client.groups()).containsExactly("referral-analysts");
        assertThat(client.organisations()).containsExactly("RXB", "R69");
    }

    @Test
    void aClientOfNoOrganisationHasNone() {
        MachineClient client = convert(properties("sub", "", ""), Map.of("sub", "gp-9", "scope", "referrals.write"));
        assertThat(client.organisations()).isEmpty();
    }

    @Test
    void aTokenWithoutTheClientClaimOrNamingAUserIsRefused() {
        MachineClientTokens tokens = new MachineClientTokens(properties("azp", "", ""), Set.of("coordinator")::contains);
        assertThatThrownBy(() -> tokens.convert(jwt(Map.of("sub", "gp-1")))).isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> tokens.convert(jwt(Map.of("azp", "coordinator", "scope", "referrals.write"))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void malformedMappingsStopTheStart() {
        assertThatThrownBy(() -> properties("sub", "gp-1", "").clientOrganisationMap()).hasMessageContaining("name=value");
        assertThatThrownBy(() -> properties("sub", "gp-1=R69,gp-1=RXB", "").clientOrganisationMap()).hasMessageContaining("twice");
    }

    private static MachineClient convert(MachineClientProperties properties, Map<String, Object> claims) {
        return (MachineClient) new MachineClientTokens(properties, id -> false).convert(jwt(claims));
    }

    private static MachineClientProperties properties(String clientIdClaim, String clientOrganisations, String organisationClaim) {
        return new MachineClientProperties("https://issuer.example", "", "ers-referral-api", clientIdClaim, SCOPES,
                clientOrganisations, organisationClaim);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").claims(c -> c.putAll(claims))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
