package org.ersreferral.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsPeople;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.security.AccessGroups;
import org.ersreferral.testsupport.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Whom an organisation's sync acts as: its own coordinators only, most recently signed in first, with a usable sign-in. */
class SyncCoordinatorsTest {

    private static final List<String> COORDINATOR = List.of(AccessGroups.COORDINATORS);

    private final JdbcTemplate jdbc = SyncTables.create();
    private final TestClock clock = TestClock.at(Instant.parse("2026-12-01T10:00:00Z"));
    private final Map<String, ErsRole> roles = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Set<String> refreshUnavailable = new java.util.HashSet<>();
    private final Set<String> removedFromOrganisation = new java.util.HashSet<>();
    private final ErsPeople people = new ErsPeople() {
        @Override
        public Optional<String> accessToken(String userId) {
            if (refreshUnavailable.contains(userId)) {
                throw new ErsException.Unavailable("token-refresh", 0, "not now", null);
            }
            return Optional.ofNullable(tokens.get(userId));
        }

        @Override
        public Optional<ErsRole> chosenRole(String userId) {
            return Optional.ofNullable(roles.get(userId));
        }

        @Override
        public void tokenRefused(String userId) {
            tokens.remove(userId);
        }
    };
    private final SyncCoordinators coordinators = new SyncCoordinators(jdbc,
            (userId, organisation) -> !removedFromOrganisation.contains(userId + "@" + organisation), people, clock);

    private void signedIn(String userId, String organisation) {
        roles.put(userId, new ErsRole("REFERRING_CLINICIAN_ADMIN", organisation, "Practice " + organisation));
        tokens.put(userId, "token-of-" + userId);
        coordinators.signedIn(userId, COORDINATOR, List.of(organisation));
        clock.set(clock.instant().plusSeconds(60));
    }

    @Test
    void theMostRecentlySignedInCoordinatorWithAUsableSignInActsForTheirOrganisationOnly() {
        signedIn("ann", "R69");
        signedIn("bob", "R69");
        signedIn("carl", "RXB");

        assertThat(coordinators.choose("R69")).contains("bob");
        assertThat(coordinators.choose("RXB")).contains("carl");
        assertThat(coordinators.organisations()).containsExactlyInAnyOrder("R69", "RXB");

        tokens.remove("bob");
        assertThat(coordinators.choose("R69")).as("bob signed out").contains("ann");
        refreshUnavailable.add("ann");
        assertThat(coordinators.choose("R69")).as("nobody's sign-in is usable now").isEmpty();
        assertThat(coordinators.choose("NONE")).isEmpty();
    }

    @Test
    void neverSomeoneWhoseChosenRoleIsAtAnotherOrganisationOrWhoNoLongerCoordinatesThere() {
        signedIn("dee", "R69");
        // dee also coordinates for RXB, but acts in e-RS for R69: RXB's lists would come back as R69's
        coordinators.signedIn("dee", COORDINATOR, List.of("R69", "RXB"));
        assertThat(coordinators.choose("RXB")).isEmpty();
        assertThat(coordinators.choose("R69")).contains("dee");

        removedFromOrganisation.add("dee@R69");
        assertThat(coordinators.choose("R69")).isEmpty();
    }

    @Test
    void onlyCoordinatorsAreKeptAndAPersonCanBeRuledOut() {
        coordinators.signedIn("analyst", List.of(AccessGroups.ANALYSTS), List.of("R69"));
        roles.put("analyst", new ErsRole("REFERRING_CLINICIAN_ADMIN", "R69", "Practice"));
        tokens.put("analyst", "t");
        assertThat(coordinators.choose("R69")).isEmpty();

        signedIn("ann", "R69");
        signedIn("bob", "R69");
        assertThat(coordinators.choose("R69", userId -> !userId.equals("bob"))).contains("ann");
    }
}
