package org.ersreferral.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people the simulated NHS CIS2 lets sign in, as if each had a smartcard: the demo users plus
 * one with two roles and one with no e-RS role. Each has an SDS-like user id ({@code nhsid_useruid},
 * also the token's {@code sub}), a name and national RBAC roles; e-RS maps a role to the business
 * functions it allows there, which is why a role carries them here although CIS2 never sends them.
 */
final class SmartcardUsers {

    /** One national RBAC role at one organisation, with the e-RS business functions it gives (none: not an e-RS role). */
    record Role(String personRoleId, String orgCode, String orgName, String roleCode, String roleName,
                List<String> businessFunctions) {

        /** The role as CIS2 puts it in {@code nhsid_nrbac_roles}. */
        Map<String, Object> claim() {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("person_roleid", personRoleId);
            claim.put("org_code", orgCode);
            claim.put("role_code", roleCode);
            claim.put("role_name", roleName);
            return claim;
        }

        boolean allows(String businessFunction, String ods) {
            return orgCode.equals(ods) && businessFunctions.contains(businessFunction);
        }
    }

    record User(String username, String userId, String name, List<Role> roles) {

        List<Map<String, Object>> rolesClaim() {
            return roles.stream().map(Role::claim).toList();
        }

        boolean actsAs(String businessFunction, String ods) {
            return roles.stream().anyMatch(role -> role.allows(businessFunction, ods));
        }
    }

    static final String CLINICAL_PRACTITIONER = "S8000:G8000:R8000";
    static final String ADMIN_SUPPORT = "S8002:G8003:R8008";
    static final String NURSE = "S8000:G8001:R8001";
    static final String INFORMATION_OFFICER = "S8003:G8005:R8012";
    static final String SYSTEMS_SUPPORT = "S8003:G8005:R8015";

    /** The GP (REFERRING_CLINICIAN at R69) the demo's administrators refer for. */
    static final String GP = "two-roles";

    static final List<User> ALL = List.of(
            new User("coordinator", "555000000101", "Casey Coordinator", List.of(
                    new Role("555000000111", "R69", "Cicero Practice", ADMIN_SUPPORT,
                            "\"Admin & Clinical Support Access Role\"", List.of("REFERRING_CLINICIAN_ADMIN")))),
            new User("coordinator-b", "555000000102", "Blake Coordinator", List.of(
                    new Role("555000000112", "RXB", "Brook Practice", ADMIN_SUPPORT,
                            "\"Admin & Clinical Support Access Role\"", List.of("REFERRING_CLINICIAN_ADMIN")))),
            new User("analyst", "555000000103", "Alex Analyst", List.of(
                    new Role("555000000113", "R69", "Cicero Practice", INFORMATION_OFFICER,
                            "\"Information Officer Access Role\"", List.of("REFERRING_ADMIN")))),
            new User("admin", "555000000104", "Ada Admin", List.of(
                    new Role("555000000114", "R69", "Cicero Practice", SYSTEMS_SUPPORT,
                            "\"Systems Support Access Role\"", List.of("REFERRING_CLINICIAN_ADMIN")))),
            new User("two-roles", "555000000105", "Taylor Tworoles", List.of(
                    new Role("555000000115", "R69", "Cicero Practice", CLINICAL_PRACTITIONER,
                            "\"Clinical Practitioner Access Role\"", List.of("REFERRING_CLINICIAN")),
                    new Role("555000000116", "RXB", "Brook Practice", ADMIN_SUPPORT,
                            "\"Admin & Clinical Support Access Role\"", List.of("REFERRING_CLINICIAN_ADMIN")))),
            new User("no-role", "555000000106", "Noa Norole", List.of(
                    new Role("555000000117", "R69", "Cicero Practice", NURSE, "\"Nurse Access Role\"", List.of()))));

    private SmartcardUsers() {
    }

    static Optional<User> byUsername(String username) {
        return ALL.stream().filter(user -> user.username().equals(username)).findFirst();
    }

    static Optional<User> byUserId(String userId) {
        return ALL.stream().filter(user -> user.userId().equals(userId)).findFirst();
    }
}
