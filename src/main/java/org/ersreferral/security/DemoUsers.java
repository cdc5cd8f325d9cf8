package org.ersreferral.security;

import java.util.List;

/**
 * The demo users, in one place: created with the demo password while demo mode is on, removed at the
 * next start once it is off. A demo user added here is removed with the others.
 */
final class DemoUsers {

    /** The second demo organisation (an ODS code), so the separation between organisations can be tried. */
    static final String OTHER_ORGANISATION = "RXB";
    static final String OTHER_ORGANISATION_NAME = "Other Practice";

    /** @param organisation the demo user's organisation; null: {@code ers.ods-code}'s */
    record DemoUser(String id, String firstName, String lastName, String groupId, String organisation) {
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("coordinator", "Casey", "Coordinator", AccessGroups.COORDINATORS, null),
            new DemoUser("analyst", "Alex", "Analyst", AccessGroups.ANALYSTS, null),
            new DemoUser("admin", "Ada", "Admin", AccessGroups.ADMINS, null),
            new DemoUser("coordinator-b", "Blake", "Coordinator", AccessGroups.COORDINATORS, OTHER_ORGANISATION));

    static boolean isDemoUser(String userId) {
        return ALL.stream().anyMatch(user -> user.id().equals(userId));
    }

    private DemoUsers() {
    }
}
