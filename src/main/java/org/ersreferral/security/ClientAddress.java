package org.ersreferral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The address of the client whose request is being served, for the password check deep in the
 * engine (it is given only a user id and a password). The servlet container's remote address: a
 * proxy's forwarded-for header counts only where the container is configured to trust it.
 */
final class ClientAddress extends OncePerRequestFilter {

    /** The source of password checks made outside any request (start-up, jobs). */
    static final String INTERNAL = "internal";
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    static String current() {
        String address = CURRENT.get();
        return address == null ? INTERNAL : address;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String before = CURRENT.get();
        CURRENT.set(request.getRemoteAddr());
        try {
            chain.doFilter(request, response);
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
