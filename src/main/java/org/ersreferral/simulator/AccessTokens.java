package org.ersreferral.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Who may call the simulated e-RS: the configured static token, tokens issued by the simulated
 * {@code /oauth2/token}, and archived professional sessions (A001-A003) once a role is selected.
 */
@Component
@ConditionalOnSimulator
class AccessTokens {

    static final long TOKEN_SECONDS = 599;

    record Permission(String businessFunction, String orgIdentifier, String orgName) {
    }

    /** A professional session; {@code selected} is null until A002 chose a permission. */
    record Session(String id, List<Permission> permissions, Permission selected) {
    }

    private final SimulatorProperties properties;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    AccessTokens(SimulatorProperties properties) {
        this.properties = properties;
    }

    boolean validBearer(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        if (token.equals(properties.accessToken())) {
            return true;
        }
        Instant expiry = issued.get(token);
        return expiry != null && expiry.isAfter(Instant.now());
    }

    String issue() {
        String token = UUID.randomUUID().toString().replace("-", "");
        issued.put(token, Instant.now().plusSeconds(TOKEN_SECONDS));
        return token;
    }

    Session openSession(List<Permission> permissions) {
        Session session = new Session(UUID.randomUUID().toString(), permissions, null);
        sessions.put(session.id(), session);
        return session;
    }

    Session session(String id) {
        return id == null ? null : sessions.get(id);
    }

    Session select(String id, Permission permission) {
        return sessions.computeIfPresent(id, (key, s) -> new Session(key, s.permissions(), permission));
    }

    boolean endSession(String id) {
        return sessions.remove(id) != null;
    }

    /** A live session with a role selected stands in for a bearer token (archived API). */
    Session usableSession(String id) {
        Session session = session(id);
        return session != null && session.selected() != null ? session : null;
    }
}
