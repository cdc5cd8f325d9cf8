package org.ersreferral.ers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ers.auth.mode=professional-session}: the archived e-RS session API. Each referral (process
 * instance) gets its own session, opened on its first e-RS call (A001 create, A002 select the
 * configured role) and ended (A003) when the referral ends by any exit; an {@link ErsSessionStore}
 * keeps the id with the referral for other nodes. Calls outside a referral share one application
 * session, ended at shutdown. Session ids are credentials: never logged.
 */
final class ProfessionalSessions implements ErsAuthentication, AutoCloseable {

    static final String TYPE_INFO = "uk.nhs.ers.xapi.dto.v1.session.ProfessionalSession";
    /** The smartcard token's type in the archived API's DTOs. */
    static final String TOKEN_TYPE_INFO = "uk.nhs.ers.xapi.dto.v1.TokenImpl";
    /** Key of the session for calls that belong to no referral (e.g. reference data for a form). */
    static final String APPLICATION = "application";

    private static final Logger LOG = LoggerFactory.getLogger(ProfessionalSessions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends one request of the archived API; replaceable in tests. */
    @FunctionalInterface
    interface Transport {
        PlainHttp.Answer send(String operation, String method, String url, Map<String, String> headers, String body);
    }

    /** One referral's session; {@code id} is null until opened. Guarded by itself. */
    private static final class Held {
        private String id;
    }

    private final String sessionUrl;
    private final String asid;
    private final String smartcardToken;
    private final String businessFunction;
    private final String odsCode;
    private final Transport transport;
    private final ErsSessionStore store;
    private final Map<String, Held> sessions = new ConcurrentHashMap<>();

    ProfessionalSessions(String sessionUrl, String asid, String smartcardToken, String businessFunction, String odsCode,
                         Transport transport, ErsSessionStore store) {
        this.sessionUrl = require(sessionUrl, "ers.auth.session-url (ERS_SESSION_URL)");
        this.asid = require(asid, "ers.auth.asid (ERS_ASID)");
        this.smartcardToken = require(smartcardToken, "ers.auth.token (ERS_ACCESS_TOKEN), the smartcard token");
        this.businessFunction = require(businessFunction, "ers.business-function");
        this.odsCode = require(odsCode, "ers.ods-code");
        this.transport = transport;
        this.store = store == null ? ErsSessionStore.NONE : store;
    }

    static ProfessionalSessions fromProperties(ErsProperties properties, ErsSessionStore store) {
        return fromProperties(properties, store, properties.authOrDefault().token());
    }

    /** With the smartcard token given apart from the properties (the embedded simulator's, in process). */
    static ProfessionalSessions fromProperties(ErsProperties properties, ErsSessionStore store, String smartcardToken) {
        return fromProperties(properties, store, smartcardToken, ErsCallBudget.NONE);
    }

    /** Its session calls (A001-A003) within the shared {@link ErsCallBudget}. */
    static ProfessionalSessions fromProperties(ErsProperties properties, ErsSessionStore store, String smartcardToken,
                                               ErsCallBudget budget) {
        ErsProperties.Auth auth = properties.authOrDefault();
        PlainHttp http = PlainHttp.of(properties, budget);
        return new ProfessionalSessions(properties.sessionUrl(), auth.asid(), smartcardToken, properties.businessFunction(),
                properties.odsCode(), (operation, method, url, headers, body) ->
                        http.send(operation, method, url, headers, body == null ? null : "application/json", body),
                store);
    }

    @Override
    public Map<String, String> headers(ErsCall call) {
        String key = key(call);
        Held held = sessions.computeIfAbsent(key, k -> new Held());
        String id;
        synchronized (held) { // one A001/A002 per referral even when its calls overlap
            if (held.id == null) {
                held.id = stored(key);
            }
            if (held.id == null) {
                held.id = open(key);
                if (!APPLICATION.equals(key)) {
                    store.save(key, held.id);
                }
            }
            id = held.id;
        }
        return Map.of(SESSION_KEY, id, ASID, asid);
    }

    /** e-RS no longer accepts the session: forget it, the retried step opens a new one. */
    @Override
    public void unauthorised(ErsCall call) {
        String key = key(call);
        Held held = sessions.remove(key);
        String refused;
        if (held == null) {
            refused = null;
        } else {
            synchronized (held) {
                refused = held.id;
            }
        }
        // forget the stored id only if it is the refused one: another node may have stored a newer session
        if (!APPLICATION.equals(key) && (refused == null || refused.equals(store.find(key)))) {
            store.save(key, null);
        }
        LOG.info("e-RS refused the professional session of {}; the next call opens a new one", key);
    }

    @Override
    public Runnable referralEnding(String processInstanceId) {
        if (processInstanceId == null) {
            return () -> { };
        }
        Held held = sessions.get(processInstanceId);
        String known;
        if (held != null) {
            synchronized (held) {
                known = held.id;
            }
        } else {
            known = store.find(processInstanceId); // opened on another node
        }
        String id = known;
        return () -> {
            sessions.remove(processInstanceId);
            store.save(processInstanceId, null);
            if (id != null) {
                end(id);
            }
        };
    }

    /** A session another node opened for this referral, if the store has one. */
    private String stored(String key) {
        String id = APPLICATION.equals(key) ? null : store.find(key);
        if (id != null) {
            LOG.info("Reusing the e-RS professional session of {} opened earlier", key);
        }
        return id;
    }

    /** The session of this referral, if one is open (for tests and diagnostics). */
    boolean hasSession(String processInstanceId) {
        return sessions.containsKey(processInstanceId);
    }

    /**
     * Application shutdown: end the application session. Referral sessions stay: they are kept in
     * the referral ({@link ErsSessionStore}), another node or this one after a restart goes on
     * with them, and the referral's end ends them.
     */
    @Override
    public void close() {
        Held held = sessions.remove(APPLICATION);
        if (held != null) {
            String id;
            synchronized (held) {
                id = held.id;
            }
            if (id != null) {
                end(id);
            }
        }
    }

    private String open(String key) {
        ObjectNode create = JSON.createObjectNode().put("typeInfo", TYPE_INFO);
        create.putObject("token").put("typeInfo", TOKEN_TYPE_INFO).put("token", smartcardToken);
        PlainHttp.Answer created = transport.send("A001", "POST", sessionUrl + "/ProfessionalSession", Map.of(ASID, asid),
                create.toString());
        JsonNode session = parse(created.body());
        if (!created.ok() || session.path("id").asText("").isBlank()) {
            throw failure("A001", created, session, "e-RS did not open a professional session");
        }
        String id = session.path("id").asText();
        try {
            JsonNode permission = choosePermission(session);
            ObjectNode select = JSON.createObjectNode().put("typeInfo", TYPE_INFO);
            select.set("permission", permission);
            PlainHttp.Answer selected = transport.send("A002", "PUT", sessionUrl + "/ProfessionalSession/" + id,
                    Map.of(ASID, asid, SESSION_KEY, id), select.toString());
            if (!selected.ok()) {
                throw failure("A002", selected, parse(selected.body()), "e-RS did not accept the role");
            }
        } catch (RuntimeException e) {
            end(id); // opened but unusable: do not leave it behind
            throw e;
        }
        LOG.info("Opened an e-RS professional session for {} as {} at {}", key, businessFunction, odsCode);
        return id;
    }

    /** The permission for {@code ers.business-function} at {@code ers.ods-code}, as A001 listed it. */
    private JsonNode choosePermission(JsonNode session) {
        JsonNode permissions = session.has("permissions") ? session.path("permissions") : session.path("user").path("permissions");
        List<JsonNode> all = StreamSupport.stream(permissions.spliterator(), false).toList();
        return all.stream()
                .filter(p -> businessFunction.equals(p.path("businessFunction").asText())
                        && odsCode.equalsIgnoreCase(p.path("orgIdentifier").asText()))
                .findFirst()
                .orElseThrow(() -> new ErsException.Rejected("A002", 403, "The smartcard user has no " + businessFunction
                        + " role at organisation " + odsCode + "; roles held: " + (all.isEmpty() ? "none"
                        : String.join(", ", all.stream().map(p -> p.path("businessFunction").asText() + " at "
                        + p.path("orgIdentifier").asText()).toList()))));
    }

    private void end(String id) {
        try {
            PlainHttp.Answer ended = transport.send("A003", "DELETE", sessionUrl + "/ProfessionalSession/" + id,
                    Map.of(ASID, asid, SESSION_KEY, id), null);
            if (!ended.ok() && ended.status() != 404) { // 404: e-RS ended it already
                LOG.warn("e-RS did not end a professional session (HTTP {}); it will expire on its own", ended.status());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not end an e-RS professional session ({}); it will expire on its own", e.getMessage());
        }
    }

    /** 4xx: the smartcard token or role is not accepted, a person must act; otherwise retry later. */
    private static ErsException failure(String operation, PlainHttp.Answer answer, JsonNode body, String what) {
        String message = what + " (HTTP " + answer.status() + diagnostics(body) + ")";
        int status = answer.status();
        if (status == 401 || status == 403 || status == 404 || status == 422 || status == 400) {
            return new ErsException.Unauthorised(operation, message);
        }
        return new ErsException.Unavailable(operation, status, message, null);
    }

    private static String diagnostics(JsonNode body) {
        List<String> texts = new ArrayList<>();
        body.path("issue").forEach(issue -> {
            if (issue.hasNonNull("diagnostics")) {
                texts.add(issue.path("diagnostics").asText());
            }
        });
        return texts.isEmpty() ? "" : ": " + String.join("; ", texts);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String key(ErsCall call) {
        return call == null || call.processInstanceId() == null || call.processInstanceId().isBlank()
                ? APPLICATION : call.processInstanceId();
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("ers.auth.mode=professional-session needs " + name);
        }
        return value.trim();
    }
}
