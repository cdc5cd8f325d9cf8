package org.ersreferral.security.signin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the CIS2 national RBAC roles of a token ({@code nhsid_nrbac_roles}: each a {@code role_code}
 * at an {@code org_code}) into Camunda groups and organisations. A role code is looked up whole
 * ({@code S8000:G8000:R8000}) and by its job role part ({@code R8000}); the organisations are those of
 * the roles that gave a group, so a role the application does not know opens no organisation.
 */
final class RoleMapping {

    record Access(List<String> groups, List<String> organisations) {
        boolean none() {
            return groups.isEmpty();
        }
    }

    /** Role code to the groups it gives. */
    private final Map<String, List<String>> roleGroups;

    /** @param groupRoles each group to the role codes that give it, as configured */
    RoleMapping(Map<String, List<String>> groupRoles) {
        Map<String, List<String>> byRole = new HashMap<>();
        groupRoles.forEach((group, roles) -> roles.stream().map(String::trim).filter(role -> !role.isEmpty())
                .forEach(role -> byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(group)));
        this.roleGroups = Map.copyOf(byRole);
    }

    /** @param rolesClaim the claim as the token carries it: a list of objects; anything else counts as no roles */
    Access of(Object rolesClaim) {
        Set<String> groups = new LinkedHashSet<>();
        Set<String> organisations = new LinkedHashSet<>();
        if (rolesClaim instanceof Collection<?> roles) {
            for (Object role : roles) {
                if (!(role instanceof Map<?, ?> fields)) {
                    continue;
                }
                List<String> given = groupsOf(text(fields.get("role_code")));
                String organisation = text(fields.get("org_code"));
                if (!given.isEmpty()) {
                    groups.addAll(given);
                    if (organisation != null) {
                        organisations.add(organisation);
                    }
                }
            }
        }
        return new Access(List.copyOf(groups), List.copyOf(organisations));
    }

    private List<String> groupsOf(String roleCode) {
        if (roleCode == null) {
            return List.of();
        }
        List<String> groups = new ArrayList<>(roleGroups.getOrDefault(roleCode, List.of()));
        int lastColon = roleCode.lastIndexOf(':');
        if (lastColon >= 0) {
            groups.addAll(roleGroups.getOrDefault(roleCode.substring(lastColon + 1), List.of()));
        }
        return groups;
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.trim() : null;
    }
}
