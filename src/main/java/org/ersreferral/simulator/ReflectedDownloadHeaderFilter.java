package org.ersreferral.simulator;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * e-RS operation paths look like file names to Spring ({@code $ers.createReferral} has an
 * "extension"), so Spring's reflected-file-download guard adds {@code Content-Disposition:
 * inline;filename=f.txt} to their JSON answers. e-RS sends no such header; this drops it for the
 * simulated FHIR API only (the A019 PDF keeps its real attachment header).
 */
@Component
@ConditionalOnSimulator
class ReflectedDownloadHeaderFilter extends OncePerRequestFilter {

    private static final String GUARD_VALUE = "inline;filename=f.txt";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + FhirIo.FHIR_PATH + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void addHeader(String name, String value) {
                if (!isGuard(name, value)) {
                    super.addHeader(name, value);
                }
            }

            @Override
            public void setHeader(String name, String value) {
                if (!isGuard(name, value)) {
                    super.setHeader(name, value);
                }
            }
        });
    }

    private static boolean isGuard(String name, String value) {
        return "Content-Disposition".equalsIgnoreCase(name) && GUARD_VALUE.equals(value);
    }
}
