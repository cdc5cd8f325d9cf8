package org.ersreferral.worklist;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.camunda.bpm.engine.IdentityService;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsPeople;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.security.AccessGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whom an organisation's sync acts as: one of its referral coordinators, most recently signed in
 * first, who still is one, whose chosen e-RS role is at that organisation (so every call carries its
 * ODS code, and e-RS shows that organisation's lists) and whose e-RS token is usable now (refreshed
 * if due). Never a person of another organisation.
 */
class SyncCoordinators {

    private static final Logger LOG = LoggerFactory.getLogger(SyncCoordinators.class);

    /** Whether a person still coordinates for an organisation, as far as the application can tell now. */
    interface Memberships {
        boolean stillCoordinatorOf(String userId, String organisation);
    }

    private final JdbcTemplate jdbc;
    private final Memberships memberships;
    private final ErsPeople people;
    private final Clock clock;

    SyncCoordinators(JdbcTemplate jdbc, Memberships memberships, ErsPeople people, Clock clock) {
        this.jdbc = jdbc;
        this.memberships = memberships;
        this.people = people;
        this.clock = clock;
    }

    /** A person signed in to e-RS: kept for each organisation they coordinate for. */
    void signedIn(String userId, List<String> groups, List<String> organisations) {
        if (userId == null || groups == null || !groups.contains(AccessGroups.COORDINATORS) || organisations == null) {
            return;
        }
        long now = clock.millis();
        for (String organisation : organisations) {
            if (jdbc.update("update worklist_sync_coordinator set signed_in_at = ? where organisation = ? and user_id = ?",
                    now, organisation, userId) == 0) {
                jdbc.update("insert into worklist_sync_coordinator (organisation, user_id, signed_in_at) values (?, ?, ?)",
                        organisation, userId, now);
            }
        }
    }

    /** The organisations any coordinator signed in for. */
    List<String> organisations() {
        return jdbc.queryForList("select distinct organisation from worklist_sync_coordinator", String.class);
    }

    /** The coordinator to act as for {@code organisation}, if any may. */
    Optional<String> choose(String organisation) {
        return choose(organisation, userId -> true);
    }

    /** As {@link #choose(String)}, among those {@code allowed} (a caller may rule out one e-RS refused). */
    Optional<String> choose(String organisation, Predicate<String> allowed) {
        List<String> recentFirst = jdbc.queryForList("select user_id from worklist_sync_coordinator where organisation = ?"
                + " order by signed_in_at desc, user_id", String.class, organisation);
        return recentFirst.stream().filter(allowed).filter(userId -> mayActFor(userId, organisation)).findFirst();
    }

    /** Whether the person may act for the organisation now; each check cheap before the token's, which may refresh it. */
    boolean mayActFor(String userId, String organisation) {
        if (!memberships.stillCoordinatorOf(userId, organisation)) {
            return false;
        }
        Optional<ErsRole> role = people.chosenRole(userId);
        if (role.isEmpty() || !role.get().referrer() || !organisation.equalsIgnoreCase(role.get().odsCode())) {
            return false;
        }
        try {
            return people.accessToken(userId).isPresent();
        } catch (ErsException unavailable) {
            // the token is due and its refresh could not be asked for now: someone else, or the next run
            LOG.info("Worklist sync: the e-RS sign-in of user {} could not be refreshed now ({})", userId,
                    unavailable.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * People in the engine's identity tables must still be coordinators of the organisation there (an
     * administrator may have removed them); people of OpenID Connect were when they signed in, and
     * their e-RS sign-in ends with their roles.
     */
    static Memberships of(IdentityService identityService) {
        return (userId, organisation) -> identityService.createUserQuery().userId(userId).count() == 0
                || identityService.createUserQuery().userId(userId).memberOfGroup(AccessGroups.COORDINATORS).count() > 0
                && identityService.createTenantQuery().tenantId(organisation).userMember(userId).includingGroupsOfUser(true)
                .count() > 0;
    }
}
