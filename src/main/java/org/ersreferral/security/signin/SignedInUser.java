package org.ersreferral.security.signin;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed in with OpenID Connect, as the application sees them: their Camunda user id (the
 * provider's user id claim, also {@link #getName()}), the groups their roles map to and the
 * organisations (ODS codes, Camunda tenants) of those roles. Nothing of this is read from the
 * engine's identity tables: it lasts as long as the session.
 */
public final class SignedInUser extends DefaultOidcUser {

    private final List<String> groups;
    private final List<String> organisations;

    SignedInUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
                 String userIdClaim, List<String> groups, List<String> organisations) {
        super(authorities, idToken, userInfo, userIdClaim);
        this.groups = List.copyOf(groups);
        this.organisations = List.copyOf(organisations);
    }

    /** The person signed in on this request's session, if any. */
    public static Optional<SignedInUser> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() && authentication.getPrincipal() instanceof SignedInUser user
                ? Optional.of(user) : Optional.empty();
    }

    /** The signed-in person of this request when their user id is {@code userId}. */
    public static Optional<SignedInUser> current(String userId) {
        return current().filter(user -> user.userId().equals(userId));
    }

    public String userId() {
        return getName();
    }

    public List<String> groups() {
        return groups;
    }

    public List<String> organisations() {
        return organisations;
    }

    /** The person's name from the token, for display; the user id when the token has none. */
    public String displayName() {
        String name = getFullName();
        return name == null || name.isBlank() ? userId() : name;
    }
}
