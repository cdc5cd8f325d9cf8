package org.ersreferral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every answer, set before the request goes on so that refusals, errors and
 * streamed answers carry them too. The Camunda webapps ({@code /camunda/...}) set their own
 * Content-Security-Policy (with {@code frame-ancestors 'none'}) and need the browser to send a
 * Referer/Origin with their same-origin requests (their CSRF check compares them), so there the
 * referrer policy is {@code same-origin} and their own CSP is kept. Answers of {@code /api/...} and
 * {@code /engine-rest/...} carry patient data and are never stored. Over TLS (directly, or behind
 * a proxy with {@code server.forward-headers-strategy: native}) HSTS is sent and every cookie is
 * {@code Secure}.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean camunda = path.equals("/camunda") || path.startsWith("/camunda/");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        if (camunda) {
            response.setHeader("Referrer-Policy", "same-origin");
        } else {
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        }
        boolean patientData = path.startsWith("/api/") || path.equals("/engine-rest") || path.startsWith("/engine-rest/");
        if (patientData) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        chain.doFilter(request, patientData || request.isSecure() ? new Guarded(response, patientData, request.isSecure()) : response);
    }

    /**
     * Keeps {@code no-store} on answers with patient data (the engine's REST API would set its own
     * {@code no-cache}) and, over TLS, marks every cookie the application or Camunda sets as
     * {@code Secure} (Tomcat does so for its session cookie itself).
     */
    private static final class Guarded extends HttpServletResponseWrapper {
        private final boolean noStore;
        private final boolean secure;

        Guarded(HttpServletResponse response, boolean noStore, boolean secure) {
            super(response);
            this.noStore = noStore;
            this.secure = secure;
        }

        @Override
        public void addCookie(Cookie cookie) {
            if (secure) {
                cookie.setSecure(true);
            }
            super.addCookie(cookie);
        }

        @Override
        public void addHeader(String name, String value) {
            if (!kept(name)) {
                super.addHeader(name, secure(name, value));
            }
        }

        @Override
        public void setHeader(String name, String value) {
            if (!kept(name)) {
                super.setHeader(name, secure(name, value));
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (!kept(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (!kept(name)) {
                super.addDateHeader(name, date);
            }
        }

        private boolean kept(String name) {
            return noStore && ("Cache-Control".equalsIgnoreCase(name) || "Pragma".equalsIgnoreCase(name)
                    || "Expires".equalsIgnoreCase(name));
        }

        private String secure(String name, String value) {
            if (!secure || value == null || !"Set-Cookie".equalsIgnoreCase(name)) {
                return value;
            }
            for (String attribute : value.split(";")) {
                if (attribute.trim().toLowerCase(Locale.ROOT).equals("secure")) {
                    return value;
                }
            }
            return value + ";Secure";
        }
    }
}
