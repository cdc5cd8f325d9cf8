package org.ersreferral.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.ersreferral.security.machine.MachineClient;
import org.ersreferral.security.signin.SignedInUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The organisations a user acts for: their Camunda tenant memberships (tenant id = ODS code), direct
 * or through a group; for a machine client, those of its token; for the person signed in with OpenID
 * Connect, those of their token's roles. Every referral belongs to one organisation; only its members
 * and admins see it. A referral of no recorded organisation (made before organisations were kept)
 * belongs to {@code ers.ods-code}'s.
 */
@Component
public class Organisations {

    /** The start variable (and API field) that says which of a user's organisations requests a referral. */
    public static final String START_VARIABLE = "organisation";

    private final IdentityService identityService;
    private final String defaultOrganisation;

    Organisations(IdentityService identityService, @Value("${ers.ods-code}") String defaultOrganisation) {
        this.identityService = identityService;
        this.defaultOrganisation = defaultOrganisation;
    }

    /** {@code ers.ods-code}: the organisation of starts without a user, admins' starts, and referrals of none recorded. */
    public String defaultOrganisation() {
        return defaultOrganisation;
    }

    public List<String> of(String userId) {
        return fromToken(userId).map(TokenCaller::organisations).orElseGet(() ->
                identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
                        .map(Tenant::getId).toList());
    }

    public boolean isAdmin(String userId) {
        return fromToken(userId).map(caller -> caller.groups().contains(AccessGroups.ADMINS)).orElseGet(() ->
                userId != null && identityService.createUserQuery().userId(userId).memberOfGroup(AccessGroups.ADMINS).count() > 0);
    }

    /** The user's groups: a machine client's or a signed-in person's from their token, anyone else's from the identity tables. */
    public List<String> groupsOf(String userId) {
        if (userId == null) {
            return List.of();
        }
        return fromToken(userId).map(TokenCaller::groups).orElseGet(() ->
                identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList());
    }

    /** Groups and organisations that come from a token, never from the identity tables. */
    private record TokenCaller(List<String> groups, List<String> organisations) {
    }

    /** The machine client (bearer token) or the person signed in with OpenID Connect of this request, when it is {@code userId}. */
    private static Optional<TokenCaller> fromToken(String userId) {
        return MachineClient.current(userId).map(client -> new TokenCaller(client.groups(), client.organisations()))
                .or(() -> SignedInUser.current(userId).map(person -> new TokenCaller(person.groups(), person.organisations())));
    }

    /** Empty: every organisation (an admin); otherwise the only organisations whose referrals the user may see. */
    public Optional<Set<String>> visibleTo(String userId) {
        return isAdmin(userId) ? Optional.empty() : Optional.of(Set.copyOf(of(userId)));
    }

    /** Whether the user may see a referral of {@code organisation} (null: made before organisations were kept). */
    public boolean mayRead(String userId, String organisation) {
        if (userId == null) {
            return false;
        }
        return visibleTo(userId).map(mine -> mine.contains(orDefault(organisation))).orElse(true);
    }

    public String orDefault(String organisation) {
        return organisation == null ? defaultOrganisation : organisation;
    }

    /** The organisation a referral started by this user belongs to; see {@link #choose}. */
    public String toStartIn(String userId, String requested) {
        if (userId == null) {
            return defaultOrganisation;
        }
        return choose(of(userId), isAdmin(userId), requested, defaultOrganisation);
    }

    /**
     * The one organisation of the user's {@code memberships}, or the {@code requested} one of them when
     * they have several. Admins may also start in the default organisation; an admin of none starts there.
     *
     * @throws OrganisationNotChosen when none can be chosen, with words for the user
     */
    static String choose(List<String> memberships, boolean admin, String requested, String defaultOrganisation) {
        if (requested != null && !requested.isBlank()) {
            String wanted = requested.trim();
            if (memberships.contains(wanted) || admin && wanted.equals(defaultOrganisation)) {
                return wanted;
            }
            throw new OrganisationNotChosen(true, memberships.isEmpty() && !admin ? noOrganisation()
                    : "organisation '" + wanted + "' is not one of your organisations ("
                    + String.join(", ", admin && !memberships.contains(defaultOrganisation) ? withDefault(memberships, defaultOrganisation)
                    : memberships) + ")");
        }
        if (memberships.size() == 1) {
            return memberships.get(0);
        }
        if (memberships.isEmpty()) {
            if (admin) {
                return defaultOrganisation;
            }
            throw new OrganisationNotChosen(true, noOrganisation());
        }
        throw new OrganisationNotChosen(false, "Your account belongs to several organisations (" + String.join(", ", memberships)
                + "): say in '" + START_VARIABLE + "' which one requests this referral");
    }

    private static String noOrganisation() {
        return "Your account belongs to no organisation, so it cannot start referrals: an administrator must add it to one"
                + " (Camunda Admin, Tenants)";
    }

    private static List<String> withDefault(List<String> memberships, String defaultOrganisation) {
        return Stream.concat(memberships.stream(), Stream.of(defaultOrganisation)).toList();
    }

    /** No organisation can be chosen for a start; {@code forbidden}: the user may not start (403), else the request must say (400). */
    public static final class OrganisationNotChosen extends RuntimeException {
        private final boolean forbidden;

        OrganisationNotChosen(boolean forbidden, String message) {
            super(message);
            this.forbidden = forbidden;
        }

        public boolean forbidden() {
            return forbidden;
        }
    }
}
