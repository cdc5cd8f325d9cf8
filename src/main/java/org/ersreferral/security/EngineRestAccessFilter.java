package org.ersreferral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.ersreferral.process.ReferralProcess;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Behind the engine's basic authentication on {@code /engine-rest}: administrators use the whole
 * API; everyone else only what a GP system or a Tasklist-like client needs on the referral process
 * (start it, read and work its tasks, read Tasklist filters). Everything else answers 403, whatever
 * the engine's authorizations would allow, because they grant per resource type and cannot say
 * "this endpoint". The engine still checks its authorizations on what passes.
 */
class EngineRestAccessFilter extends OncePerRequestFilter {

    static final String PREFIX = "/engine-rest";
    private static final String REFERRAL = ReferralProcess.PROCESS_KEY;
    /** {@code /engine/{name}} addresses a named engine; the same rules apply behind it. */
    private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine/[^/]+(/.*)?$");
    /** The referral definition by id ({@code ers-referral:3:...}) or by key with a tenant: the same as by key. */
    private static final Pattern DEFINITION = Pattern.compile(
            "^/process-definition/(?:key/" + REFERRAL + "/tenant-id/[^/]+|" + REFERRAL + ":[^/]+)(/.*)?$");

    record Rule(Set<String> methods, PathPattern pattern) {
        static Rule of(Set<String> methods, String pattern) {
            return new Rule(methods, PathPatternParser.defaultInstance.parse(pattern));
        }
    }

    private static final Set<String> READ = Set.of("GET", "HEAD");
    private static final Set<String> WRITE = Set.of("POST");
    private static final Set<String> QUERY = Set.of("GET", "HEAD", "POST");
    private static final String DEFINITION_KEY = "/process-definition/key/" + REFERRAL;
    static final List<Rule> NON_ADMIN = List.of(
            Rule.of(READ, DEFINITION_KEY),
            Rule.of(READ, DEFINITION_KEY + "/startForm"),
            Rule.of(READ, DEFINITION_KEY + "/form-variables"),
            Rule.of(READ, DEFINITION_KEY + "/deployed-start-form"),
            Rule.of(WRITE, DEFINITION_KEY + "/start"),
            Rule.of(WRITE, DEFINITION_KEY + "/submit-form"),
            Rule.of(QUERY, "/task"),
            Rule.of(QUERY, "/task/count"),
            Rule.of(READ, "/task/{id}"),
            Rule.of(READ, "/task/{id}/form-variables"),
            Rule.of(READ, "/task/{id}/variables"),
            Rule.of(READ, "/task/{id}/variables/{name}"),
            Rule.of(READ, "/task/{id}/variables/{name}/data"),
            Rule.of(READ, "/task/{id}/deployed-form"),
            Rule.of(READ, "/task/{id}/form"),
            Rule.of(WRITE, "/task/{id}/claim"),
            Rule.of(WRITE, "/task/{id}/unclaim"),
            Rule.of(WRITE, "/task/{id}/complete"),
            Rule.of(WRITE, "/task/{id}/submit-form"),
            Rule.of(READ, "/filter"),
            Rule.of(READ, "/filter/count"),
            Rule.of(READ, "/filter/{id}"),
            Rule.of(QUERY, "/filter/{id}/list"),
            Rule.of(QUERY, "/filter/{id}/count"));

    private final IdentityService identityService;

    EngineRestAccessFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = identityService.getCurrentAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean admin = authentication != null && authentication.getGroupIds() != null
                && authentication.getGroupIds().contains(AccessGroups.ADMINS);
        if (admin || (authentication != null && allowed(request.getMethod(), path))) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "You may not do this");
    }

    /** Whether someone who is not an administrator may make this request; {@code path} starts with /engine-rest. */
    static boolean allowed(String method, String path) {
        if (!path.startsWith(PREFIX + "/")) {
            return false;
        }
        String rest = path.substring(PREFIX.length());
        Matcher named = NAMED_ENGINE.matcher(rest);
        if (named.matches()) {
            rest = named.group(1) == null ? "" : named.group(1);
        }
        Matcher definition = DEFINITION.matcher(rest);
        if (definition.matches()) {
            rest = DEFINITION_KEY + (definition.group(1) == null ? "" : definition.group(1));
        }
        if (rest.length() > 1 && rest.endsWith("/")) {
            return false;
        }
        PathContainer container = PathContainer.parsePath(rest);
        String verb = method.toUpperCase(Locale.ROOT);
        return NON_ADMIN.stream().anyMatch(rule -> rule.methods().contains(verb) && rule.pattern().matches(container));
    }
}
