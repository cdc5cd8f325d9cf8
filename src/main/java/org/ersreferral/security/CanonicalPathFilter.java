package org.ersreferral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of everything: a request whose raw path is not already in its decoded, normalised form
 * is refused (400) before any other filter sees it. Camunda's webapp security filter matches the raw
 * path while its engine API answers the decoded one, so {@code ;x}, {@code //}, dot segments,
 * backslashes or any percent-encoded character (even {@code %69} for {@code i}) could reach the
 * engine API without a login. Nothing here needs such paths, so they are refused rather than
 * repaired. The query string is not the path and is left alone. One encoding is let through: a
 * colon ({@code %3A}), which the webapps' scripts write into process definition ids
 * ({@code ers-referral%3A3%3A...}); a colon is legal as it is in a path and is in no path the
 * webapps' filter or the APIs match literally, so spelling it encoded changes no rule. Below the
 * simulator's FHIR API a dollar ({@code %24}) is let through too: HTTP clients encode the {@code $}
 * of FHIR operations ({@code $ers.createReferral}) and e-RS accepts both spellings.
 * <p>
 * The webapps' first-admin setup ({@code /camunda/api/admin/setup/...}) is refused too, always:
 * administrators are configured, never created by the first visitor.
 */
class CanonicalPathFilter extends OncePerRequestFilter {

    static final String ADMIN_SETUP = "/camunda/api/admin/setup";

    /** Roots whose spelling must be exact: {@code /Camunda/api/...} is not a way round the filters of {@code /camunda/api/...}. */
    private static final List<String> ROOTS = List.of("/camunda/api/engine/", "/camunda/api/admin/", "/camunda/api/cockpit/",
            "/camunda/api/tasklist/", "/camunda/api/welcome/", "/camunda/api/", "/camunda/app/", "/camunda/", "/engine-rest",
            "/api/", "/ers-sim/", "/analytics", "/my-referrals", "/actuator");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        if (!isCanonical(uri) || !decodeAllowed(uri).equals(request.getContextPath() + request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo()))) {
            Problems.write(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request",
                    "The path must be plain: no ';', '//', '.' or '..' segments, backslashes or percent-encoded characters");
            return;
        }
        String path = uri.substring(request.getContextPath().length()).toLowerCase(Locale.ROOT);
        if (path.equals(ADMIN_SETUP) || path.startsWith(ADMIN_SETUP + "/")) {
            Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "The first-admin setup is turned off: administrators are configured");
            return;
        }
        chain.doFilter(request, response);
    }

    /** True when the raw path is exactly what Tomcat would decode and normalise it to. */
    static boolean isCanonical(String uri) {
        if (uri == null || uri.isEmpty() || uri.charAt(0) != '/' || uri.indexOf(';') >= 0 || decodeAllowed(uri).indexOf('%') >= 0
                || uri.indexOf('\\') >= 0 || uri.contains("//")) {
            return false;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        for (String segment : uri.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        for (String root : ROOTS) {
            if (lower.startsWith(root) && !uri.startsWith(root)) {
                return false;
            }
        }
        return !lower.equals("/camunda") || uri.equals("/camunda");
    }

    private static final String SIMULATOR_FHIR = "/ers-sim/FHIR/";

    private static String decodeAllowed(String uri) {
        String decoded = uri.replace("%3A", ":").replace("%3a", ":");
        return decoded.startsWith(SIMULATOR_FHIR) ? decoded.replace("%24", "$") : decoded;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
