package org.ersreferral.simulator;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * What e-RS does before it looks at a request, in its order: every call is counted, an armed fault
 * answers or delays it, then the caller must be authenticated (a signed-in user's access token from
 * {@link Cis2AuthorizationServer}, the application's bearer token, or an archived session) and act in
 * an allowed role at an organisation, one the signed-in user holds.
 */
@Component
@ConditionalOnSimulator
class ErsGatekeeper implements HandlerInterceptor {

    static final String REQUEST_ID = ErsGatekeeper.class.getName() + ".requestId";
    /** The role and organisation the caller acts in, from headers or from its professional session. */
    static final String ACTING_ROLE = ErsGatekeeper.class.getName() + ".role";
    static final String ACTING_ODS = ErsGatekeeper.class.getName() + ".ods";
    /** The signed-in user ({@link SmartcardUsers.User}) a call acts for, when it came with a CIS2 user's token. */
    static final String ACTING_USER = ErsGatekeeper.class.getName() + ".user";
    static final String BUSINESS_FUNCTION = "NHSD-eRS-Business-Function";
    static final String ODS = "NHSD-End-User-Organisation-ODS";
    static final String ON_BEHALF_OF = "NHSD-eRS-On-Behalf-Of-User-ID";
    static final String SESSION_KEY = "HTTP_X_SESSION_KEY";
    static final String OBO_ROLE = "SERVICE_PROVIDER_CLINICIAN_ADMIN";

    private final CallLog calls;
    private final Faults faults;
    private final AccessTokens tokens;
    private final Cis2Authorizations signedIn;
    /** e-RS's rule that only some operations may be called without a signed-in user ({@link #lacksRequiredUser}). */
    private final boolean userRestrictedAccess;

    ErsGatekeeper(CallLog calls, Faults faults, AccessTokens tokens, Cis2Authorizations signedIn,
                  SimulatorProperties properties) {
        this.calls = calls;
        this.faults = faults;
        this.tokens = tokens;
        this.signedIn = signedIn;
        this.userRestrictedAccess = properties.userRestrictedAccess();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(ErsOperation.class)) {
            return true;
        }
        ErsOperation operation = method.getMethodAnnotation(ErsOperation.class);
        String requestId = UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ID, requestId);
        response.setHeader("X-Request-ID", requestId);
        String correlationId = request.getHeader("X-Correlation-ID");
        if (correlationId != null) {
            response.setHeader("X-Correlation-ID", correlationId);
        }
        calls.record(operation.value());
        Optional<Faults.Fault> fault = faults.take(operation.value());
        if (fault.isPresent() && fault.get().reset()) {
            cutConnection(response, fault.get());
            return false;
        }
        if (fault.isPresent()) {
            inject(operation.value(), fault.get());
        }
        checkAccess(request, operation);
        return true;
    }

    /**
     * The connection is dropped mid-answer, before anything was done: an answer that promises more than
     * it sends, on a connection closed when the request ends, which the caller sees as a reset.
     */
    private static void cutConnection(HttpServletResponse response, Faults.Fault fault) throws IOException, InterruptedException {
        if (fault.delayMs() > 0) {
            Thread.sleep(fault.delayMs());
        }
        response.setStatus(200);
        // closed at the end of this request, with the answer short of its length: the caller reads a broken answer at once
        response.setHeader("Connection", "close");
        response.setContentType("application/fhir+json");
        response.setContentLength(4096);
        response.getOutputStream().write('{');
        response.flushBuffer();
    }

    private void inject(String operationId, Faults.Fault fault) throws InterruptedException {
        if (fault.delayMs() > 0) {
            Thread.sleep(fault.delayMs());
        }
        if (fault.status() <= 0) {
            return;
        }
        String why = "Simulated fault on " + operationId + ": ";
        throw switch (fault.status()) {
            case 429 -> new ErsError(429, "throttled", "TOO_MANY_REQUESTS", why + "too many requests, retry later.",
                    fault.retryAfterSeconds() == null ? 1 : fault.retryAfterSeconds());
            case 502 -> new ErsError(502, "exception", "PAS_RESPONDED_WITH_ERROR", why + "the provider's system answered with an error.");
            case 504 -> new ErsError(504, "timeout", "PAS_NOT_RESPONDING", why + "the provider's system did not respond in time.");
            case 503 -> new ErsError(503, "transient", "SYSTEM_UNAVAILABLE", why + "e-RS is unavailable.",
                    fault.retryAfterSeconds());
            case 401 -> ErsError.unauthorised(why + "the access token is not valid.");
            case 403 -> ErsError.forbidden(why + "access is not allowed.");
            case 409 -> ErsError.conflict("SLOT_NOT_AVAILABLE", why + "conflict with the current state.");
            case 423 -> new ErsError(423, "lock-error", "LOCKED", why + "the resource is locked by another update.");
            case 500 -> new ErsError(500, "exception", "INTERNAL_SERVER_ERROR", why + "internal server error.");
            default -> new ErsError(fault.status(), fault.status() >= 500 ? "exception" : "processing",
                    fault.status() >= 500 ? "INTERNAL_SERVER_ERROR" : "INVALID_VALUE", why + "status " + fault.status() + ".");
        };
    }

    /** Who a call comes from: a signed-in user (CIS2 token), a professional session, or the application alone. */
    record Caller(Kind kind, SmartcardUsers.User user) {
        enum Kind { USER, PROFESSIONAL_SESSION, APPLICATION }

        static Caller application() {
            return new Caller(Kind.APPLICATION, null);
        }
    }

    /**
     * e-RS's rule: only application-restricted operations (A004, the service reads) may be called
     * without a healthcare worker signed in; every other one needs a user-restricted token.
     */
    static boolean lacksRequiredUser(ErsOperation operation, Caller caller) {
        return !operation.applicationRestricted() && caller.kind() == Caller.Kind.APPLICATION;
    }

    /** e-RS's answer to an application-restricted token on a user-restricted operation: 403 NO_ACCESS. */
    static ErsError notUserRestricted(ErsOperation operation) {
        return new ErsError(403, "forbidden", "NO_ACCESS", "The request could not be authenticated due to insufficient"
                + " credentials being provided: " + operation.value() + " needs a user-restricted access token, a healthcare"
                + " worker signed in through NHS CIS2.");
    }

    private void checkAccess(HttpServletRequest request, ErsOperation operation) {
        Caller caller = authenticate(request);
        if (caller.user() != null) {
            request.setAttribute(ACTING_USER, caller.user());
        }
        calls.recordCaller(operation.value(), switch (caller.kind()) {
            case USER -> caller.user().userId();
            case PROFESSIONAL_SESSION -> CallLog.PROFESSIONAL_SESSION;
            case APPLICATION -> CallLog.APPLICATION;
        });
        if (userRestrictedAccess && lacksRequiredUser(operation, caller)) {
            throw notUserRestricted(operation);
        }
        if (!operation.roleHeaders()) {
            return;
        }
        AccessTokens.Session session = caller.kind() == Caller.Kind.PROFESSIONAL_SESSION
                ? tokens.usableSession(request.getHeader(SESSION_KEY)) : null;
        String businessFunction = header(request, BUSINESS_FUNCTION,
                session == null ? null : session.selected().businessFunction());
        String ods = header(request, ODS, session == null ? null : session.selected().orgIdentifier());
        if (operation.applicationRestricted() && businessFunction == null && ods == null) {
            return;
        }
        request.setAttribute(ACTING_ROLE, businessFunction);
        request.setAttribute(ACTING_ODS, ods);
        if (businessFunction == null) {
            throw ErsError.forbidden("Header '" + BUSINESS_FUNCTION + "' is required: the e-RS role the user acts in.");
        }
        if (ods == null) {
            throw new ErsError(403, "forbidden", "NO_ACCESS",
                    "Header '" + ODS + "' is required: the ODS code of the organisation the user acts for.");
        }
        if (!Arrays.asList(operation.roles()).contains(businessFunction)) {
            throw ErsError.forbidden("Business function " + businessFunction + " may not perform " + operation.value()
                    + "; allowed: " + String.join(", ", operation.roles()) + ".");
        }
        if (caller.user() != null && !caller.user().actsAs(businessFunction, ods)) {
            throw ErsError.forbidden("The signed-in user has no role " + businessFunction + " at " + ods + ".");
        }
        calls.recordRole(operation.value(), businessFunction, ods);
        if (request.getHeader(ON_BEHALF_OF) != null && !OBO_ROLE.equals(businessFunction)) {
            throw ErsError.forbidden("Header '" + ON_BEHALF_OF + "' is only allowed with business function " + OBO_ROLE
                    + ", not " + businessFunction + ".");
        }
    }

    /** A usable professional session, else a bearer token: a signed-in user's, or one of the application's. */
    private Caller authenticate(HttpServletRequest request) {
        if (tokens.usableSession(request.getHeader(SESSION_KEY)) != null) {
            return new Caller(Caller.Kind.PROFESSIONAL_SESSION, null);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ErsError.unauthorised("No access token: send 'Authorization: Bearer <token>'.");
        }
        String bearer = authorization.substring(7).trim();
        Optional<SmartcardUsers.User> user = signedIn.userOf(bearer);
        if (user.isPresent()) {
            return new Caller(Caller.Kind.USER, user.get());
        }
        if (!tokens.validBearer(bearer)) {
            throw ErsError.unauthorised("The access token is not valid or has expired; sign in again.");
        }
        return Caller.application();
    }

    private static String header(HttpServletRequest request, String name, String fallback) {
        String value = request.getHeader(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** The ODS code of the organisation the call acts for, or null when it acts for none. */
    static String actingOds(HttpServletRequest request) {
        Object ods = request.getAttribute(ACTING_ODS);
        return ods == null ? null : ods.toString();
    }

    static String requestId(HttpServletRequest request) {
        Object id = request.getAttribute(REQUEST_ID);
        return id == null ? UUID.randomUUID().toString() : id.toString();
    }
}
