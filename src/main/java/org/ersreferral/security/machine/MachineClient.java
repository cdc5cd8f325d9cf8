package org.ersreferral.security.machine;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A machine client authenticated by its bearer token: its id ({@link #getName()}), the groups its
 * scopes map to and its organisations (ODS codes, Camunda tenants). All of it comes from the token
 * and the configured mappings, never from the engine's identity tables, and lasts one request.
 */
public final class MachineClient extends JwtAuthenticationToken {

    private final List<String> groups;
    private final List<String> organisations;

    MachineClient(Jwt token, String clientId, List<String> groups, List<String> organisations) {
        super(token, AuthorityUtils.createAuthorityList(groups.toArray(String[]::new)), clientId);
        this.groups = List.copyOf(groups);
        this.organisations = List.copyOf(organisations);
    }

    /** The machine client this request authenticated with a bearer token, if any. */
    public static Optional<MachineClient> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof MachineClient client && client.isAuthenticated() ? Optional.of(client) : Optional.empty();
    }

    /** The machine client of this request when its id is {@code userId}. */
    public static Optional<MachineClient> current(String userId) {
        return current().filter(client -> client.getName().equals(userId));
    }

    public List<String> groups() {
        return groups;
    }

    public List<String> organisations() {
        return organisations;
    }
}
