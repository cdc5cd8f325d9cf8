package org.ersreferral.security;

import java.util.List;

/**
 * The demo users, in one place: created with the demo password while demo mode is on, removed at the
 * next start once it is off. A demo user added here is removed with the others.
 */
final class DemoUsers {

    record DemoUser(String id, String firstName, String lastName, String groupId) {
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("coordinator", "Casey", "Coordinator", AccessGroups.COORDINATORS),
            new DemoUser("analyst", "Alex", "Analyst", AccessGroups.ANALYSTS),
            new DemoUser("admin", "Ada", "Admin", AccessGroups.ADMINS));

    static boolean isDemoUser(String userId) {
        return ALL.stream().anyMatch(user -> user.id().equals(userId));
    }

    private DemoUsers() {
    }
}
