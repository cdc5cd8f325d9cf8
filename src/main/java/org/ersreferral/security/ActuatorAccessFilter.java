package org.ersreferral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read {@code /actuator}: the liveness and readiness probes are open (the load balancer has no
 * account, and they answer a status only, no details); everything else (metrics, full health) needs
 * the monitoring credential ({@link MonitoringProperties}) or a member of {@code camunda-admin}. The
 * edge filters in front of it have already refused any path that is not plain, so an exact match of
 * the open paths cannot be slipped past with another spelling.
 */
final class ActuatorAccessFilter extends OncePerRequestFilter {

    static final String PREFIX = "/actuator";
    static final Set<String> OPEN_PROBES = Set.of(PREFIX + "/health/liveness", PREFIX + "/health/readiness");

    private final String monitoringUserId;
    private final byte[] monitoringPasswordDigest;
    private final LoginThrottle throttle;
    private final GroupBasicAuthFilter administrators;

    ActuatorAccessFilter(MonitoringProperties monitoring, LoginThrottle throttle, GroupBasicAuthFilter administrators) {
        boolean configured = monitoring.configured();
        this.monitoringUserId = configured ? monitoring.userId() : null;
        this.monitoringPasswordDigest = configured ? digest(monitoring.resolvedPassword()) : null;
        this.throttle = throttle;
        this.administrators = administrators;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (OPEN_PROBES.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        String[] credentials = GroupBasicAuthFilter.credentials(request.getHeader("Authorization"));
        if (monitoringUserId != null && credentials != null && monitoringUserId.equals(credentials[0])) {
            if (monitoringPasswordMatches(credentials[1])) {
                chain.doFilter(new GroupBasicAuthFilter.AuthenticatedRequest(request, monitoringUserId), response);
            } else {
                response.setHeader("WWW-Authenticate", "Basic realm=\"ers-referral\", charset=\"UTF-8\"");
                GroupBasicAuthFilter.problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                        "Sign in with HTTP basic authentication");
            }
            return;
        }
        administrators.doFilter(request, response, chain);
    }

    /** Throttled like every other password check, and compared in constant time. */
    private boolean monitoringPasswordMatches(String password) {
        String source = ClientAddress.current();
        if (throttle.isLocked(source, monitoringUserId)) {
            return false;
        }
        boolean matches = MessageDigest.isEqual(monitoringPasswordDigest, digest(password));
        if (matches) {
            throttle.succeeded(source, monitoringUserId);
        } else {
            throttle.failed(source, monitoringUserId);
        }
        return matches;
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
