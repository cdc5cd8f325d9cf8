package org.ersreferral.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ersreferral.ers.EmbeddedErsCredentials;
import org.springframework.stereotype.Component;

/**
 * Who may call the simulated e-RS: the static token, tokens issued by the simulated
 * {@code /oauth2/token}, and archived professional sessions (A001-A003, opened with the smartcard
 * token) once a role is selected. The static and smartcard tokens are random per start unless
 * configured; the application's own client gets them in process ({@link EmbeddedErsCredentials}).
 */
@Component
@ConditionalOnSimulator
class AccessTokens implements EmbeddedErsCredentials {

    static final long TOKEN_SECONDS = 599;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Permission(String businessFunction, String orgIdentifier, String orgName) {
    }

    /** A professional session; {@code selected} is null until A002 chose a permission. The id is a credential. */
    record Session(String id, List<Permission> permissions, Permission selected) {
        @Override
        public String toString() {
            return "Session[id=***, permissions=" + permissions + ", selected=" + selected + "]";
        }
    }

    private final String staticToken;
    private final String smartcardToken;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    AccessTokens(SimulatorProperties properties) {
        this.staticToken = orRandom(properties.accessToken());
        this.smartcardToken = orRandom(properties.smartcardToken());
    }

    /** 256 random bits, base64url: unguessable, and different at every start. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String orRandom(String configured) {
        return configured == null || configured.isBlank() ? random() : configured.trim();
    }

    @Override
    public String accessToken() {
        return staticToken;
    }

    @Override
    public String smartcardToken() {
        return smartcardToken;
    }

    /** {@code two-roles}: a clinical practitioner (REFERRING_CLINICIAN) at the demo practice. */
    @Override
    public String referringClinician() {
        return SmartcardUsers.byUsername(SmartcardUsers.GP).orElseThrow().userId();
    }

    boolean validBearer(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        if (same(token, staticToken)) {
            return true;
        }
        Instant expiry = issued.get(token);
        return expiry != null && expiry.isAfter(Instant.now());
    }

    boolean validSmartcard(String token) {
        return token != null && same(token, smartcardToken);
    }

    String issue() {
        Instant now = Instant.now();
        issued.values().removeIf(expiry -> !expiry.isAfter(now));
        String token = random();
        issued.put(token, now.plusSeconds(TOKEN_SECONDS));
        return token;
    }

    Session openSession(List<Permission> permissions) {
        Session session = new Session(random(), permissions, null);
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
        return id != null && sessions.remove(id) != null;
    }

    /** A live session with a role selected stands in for a bearer token (archived API). */
    Session usableSession(String id) {
        Session session = session(id);
        return session != null && session.selected() != null ? session : null;
    }

    /** Compares in constant time, so response times tell nothing about a token's prefix. */
    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
