package org.ersreferral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.ersreferral.security.machine.MachineClient;
import org.ersreferral.security.signin.SignedInUser;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * HTTP basic authentication against the engine's users, for the application's own APIs, or the
 * person signed in with OpenID Connect on the browser's session: the user must be in one of the
 * groups allowed for the path. 401 without valid credentials, 403 outside
 * those groups. Paths are matched the way Spring MVC maps them (servlet URL patterns cannot say
 * {@code /api/referrals/{id}/timeline}); the first rule that matches decides, and a path no rule
 * matches is refused. A machine client that its bearer token authenticated ({@link MachineClient})
 * meets the same rules with the groups of its scopes. Where basic authentication is not allowed
 * (the APIs outside demo mode) a basic header is refused like none.
 */
class GroupBasicAuthFilter extends OncePerRequestFilter {

    private static final String BASIC = "Basic ";
    /** What a caller without a bearer token is told where basic authentication is not allowed. */
    static final String BEARER_ONLY = "Basic authentication is for the demo users in demo mode only: send an OAuth2 bearer"
            + " token (Authorization: Bearer <JWT>) of the configured issuer";

    /** Who may call the paths that {@code pattern} matches, e.g. {@code /api/referrals/{requestId}/timeline}. */
    record Rule(PathPattern pattern, Set<String> allowedGroups) {
        static Rule of(String pattern, Set<String> allowedGroups) {
            return new Rule(PathPatternParser.defaultInstance.parse(pattern), allowedGroups);
        }
    }

    private final IdentityService identityService;
    private final List<Rule> rules;
    private final String realm;
    private final boolean basicAllowed;
    private final DemoErsSignIn demoErs;

    GroupBasicAuthFilter(IdentityService identityService, List<Rule> rules, String realm) {
        this(identityService, rules, realm, true, NO_DEMO_ERS);
    }

    /** @param basicAllowed false: only machine clients' bearer tokens are accepted (demo mode off) */
    GroupBasicAuthFilter(IdentityService identityService, List<Rule> rules, String realm, boolean basicAllowed) {
        this(identityService, rules, realm, basicAllowed, NO_DEMO_ERS);
    }

    /**
     * @param basicAllowed false: only machine clients' bearer tokens are accepted (demo mode off)
     * @param demoErs      what a demo user who authenticated with their password gets for e-RS
     */
    GroupBasicAuthFilter(IdentityService identityService, List<Rule> rules, String realm, boolean basicAllowed,
                         DemoErsSignIn demoErs) {
        this.identityService = identityService;
        this.rules = List.copyOf(rules);
        this.realm = realm;
        this.basicAllowed = basicAllowed;
        this.demoErs = demoErs;
    }

    /** No e-RS shortcut for password users (outside demo mode, or e-RS is not the embedded simulator). */
    static final DemoErsSignIn NO_DEMO_ERS = userId -> { };

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath()).pathWithinApplication();
        Set<String> allowedGroups = rules.stream().filter(rule -> rule.pattern().matches(path)).findFirst()
                .map(Rule::allowedGroups).orElse(Set.of());
        Optional<MachineClient> client = MachineClient.current();
        String[] credentials = credentials(request.getHeader("Authorization"));
        // A page's own calls from a browser signed in with OpenID Connect (no basic header of its own).
        Optional<SignedInUser> signedIn = client.isEmpty() && credentials == null ? SignedInUser.current() : Optional.empty();
        String userId;
        List<String> groups;
        if (client.isPresent()) {
            userId = client.get().getName();
            groups = client.get().groups();
        } else if (signedIn.isPresent()) {
            userId = signedIn.get().userId();
            groups = List.copyOf(signedIn.get().groups());
        } else if (!basicAllowed) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
            problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", BEARER_ONLY);
            return;
        } else {
            if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
                problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "Sign in with HTTP basic authentication");
                return;
            }
            userId = credentials[0];
            groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        }
        boolean allowed = groups.stream().anyMatch(allowedGroups::contains);
        if (!allowed) {
            // Neutral words: naming the groups that may would tell a caller whose account to go after.
            problem(request, response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "You may not do this");
            return;
        }
        if (credentials != null && client.isEmpty() && DemoUsers.isDemoUser(userId)) {
            demoErs.signedInWithPassword(userId);
        }
        chain.doFilter(new AuthenticatedRequest(request, userId), response);
    }

    /** User id and password of a basic {@code Authorization} header; null when there is none or it is malformed. */
    static String[] credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    static void problem(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            // A person's browser opening a page (the analyst page): words to read, not JSON.
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" + status + " "
                    + title + "</title></head><body style=\"font-family: Arial, sans-serif; margin: 2rem; max-width: 40rem\"><h1>"
                    + status + " " + title + "</h1><p>" + HtmlUtils.htmlEscape(detail) + ".</p><p>"
                    + (status == HttpServletResponse.SC_FORBIDDEN
                    ? "To sign in as someone else, close every window of this browser (it keeps the sign-in until then) or use a private window."
                    : "Reload the page to sign in.") + "</p></body></html>");
            return;
        }
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }

    static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final String userId;

        AuthenticatedRequest(HttpServletRequest request, String userId) {
            super(request);
            this.userId = userId;
        }

        @Override
        public String getRemoteUser() {
            return userId;
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> userId;
        }
    }
}
