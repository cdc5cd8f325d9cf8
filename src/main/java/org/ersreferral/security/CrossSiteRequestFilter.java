package org.ersreferral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser that keeps basic credentials sends them with any site's form or script; this filter
 * refuses (403) such state-changing requests, on every path (including {@code /engine-rest}). The
 * browser says where a request comes from: {@code Sec-Fetch-Site} (cross-site or same-site is
 * refused) and {@code Origin} (refused unless it is the request's own origin or one configured in
 * {@code referral.security.allowed-origins}; {@code Origin: null}, sent by sandboxed frames and
 * redirects, is refused unless the browser also says same-origin). Requests with neither header
 * come from scripts and systems, not from a browser visiting another site, and pass.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CrossSiteRequestFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowedOrigins;

    CrossSiteRequestFilter(Iterable<String> allowedOrigins) {
        Set<String> origins = new HashSet<>();
        allowedOrigins.forEach(origin -> {
            if (origin != null && !origin.isBlank()) {
                origins.add(normalise(origin.trim()));
            }
        });
        this.allowedOrigins = Set.copyOf(origins);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT)) || !crossSite(request)) {
            chain.doFilter(request, response);
            return;
        }
        // The path is plain here (CanonicalPathFilter runs first); the headers are the caller's words and are not logged.
        LOG.warn("Refused a cross-site request: {} {}", request.getMethod(), request.getRequestURI());
        Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "cross-site request refused");
    }

    boolean crossSite(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null && allowedOrigins.contains(normalise(origin.trim()))) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        if (origin.trim().equalsIgnoreCase("null")) {
            return !"same-origin".equalsIgnoreCase(site);
        }
        return !normalise(origin.trim()).equals(ownOrigin(request));
    }

    /** scheme://host:port of this request as the browser addressed it (the Host header; the proxy's with forwarded headers). */
    static String ownOrigin(HttpServletRequest request) {
        return origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** The origin in one spelling (lower case, explicit port), or a value no request matches when it is not an origin. */
    static String normalise(String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getScheme() == null || uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                return "invalid:" + origin;
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (IllegalArgumentException notAnOrigin) {
            return "invalid:" + origin;
        }
    }

    private static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        int p = port > 0 ? port : s.equals("https") ? 443 : s.equals("http") ? 80 : -1;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return s + "://" + h + ":" + p;
    }
}
