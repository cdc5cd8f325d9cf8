package org.ersreferral.security.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleMappingTest {

    private final RoleMapping mapping = new RoleMapping(Map.of(
            "referral-coordinators", List.of("R8000", " R8008 "),
            "referral-analysts", List.of("S8002:G8003:R8012"),
            "camunda-admin", List.of("R8015")));

    @Test
    void aRoleCodeGivesItsGroupsWholeOrByItsJobRole() {
        RoleMapping.Access access = mapping.of(List.of(
                role("S8000:G8000:R8000", "R69"), role("S8002:G8003:R8012", "RXB")));

        assertThat(access.groups()).containsExactlyInAnyOrder("referral-coordinators", "referral-analysts");
        assertThat(access.organisations()).containsExactly("R69", "RXB");
    }

    @Test
    void onlyTheOrganisationsOfRolesThatGaveAGroupCount() {
        RoleMapping.Access access = mapping.of(List.of(
                role("S8002:G8003:R8008", "R69"), role("S8000:G8001:R8001", "RXB")));

        assertThat(access.groups()).containsExactly("referral-coordinators");
        assertThat(access.organisations()).containsExactly("R69");
    }

    @Test
    void noRoleThatGivesAGroupIsNoAccess() {
        assertThat(mapping.of(List.of(role("S8000:G8001:R8001", "R69"))).none()).isTrue();
        assertThat(mapping.of(List.of()).none()).isTrue();
        assertThat(mapping.of(null).none()).isTrue();
    }

    @Test
    void aClaimOfAnotherShapeGivesNothing() {
        assertThat(mapping.of("R8015").none()).isTrue();
        assertThat(mapping.of(Map.of("role_code", "R8015", "org_code", "R69")).none()).isTrue();
        assertThat(mapping.of(List.of("R8015", 42)).none()).isTrue();
        assertThat(mapping.of(List.of(Map.of("role_code", List.of("R8015"), "org_code", "R69"))).none()).isTrue();
        // A group's own name is not a role code.
        assertThat(mapping.of(List.of(role("camunda-admin", "R69"))).none()).isTrue();
    }

    @Test
    void theSecretNeverShowsInTheSettingsText() {
        SignInProperties properties = new SignInProperties("https://issuer.example", "client", "s3cret-value", null, null, null,
                null, null, "nhsid_useruid", null);
        assertThat(properties.toString()).doesNotContain("s3cret-value").contains("clientSecret=***");
    }

    private static Map<String, Object> role(String roleCode, String orgCode) {
        return Map.of("person_roleid", "555000000999", "org_code", orgCode, "role_code", roleCode, "role_name", "\"A Role\"");
    }
}
