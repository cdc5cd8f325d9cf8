package org.ersreferral.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies are bounded where they enter, before anything reads them into memory: a body
 * that says it is larger than its path allows gets 413 at once; one that does not say (chunked)
 * is cut off when it passes the limit, so it fails as an unreadable body instead of filling the heap.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimits {

    @Bean
    FilterRegistrationBean<BodySizeFilter> requestBodySizeLimit(@Value("${referral.input.max-api-body:2MB}") DataSize api,
                                                                @Value("${referral.input.max-engine-body:24MB}") DataSize engine) {
        FilterRegistrationBean<BodySizeFilter> registration = new FilterRegistrationBean<>(new BodySizeFilter(api.toBytes(), engine.toBytes()));
        registration.setName("request-body-size-limit");
        registration.addUrlPatterns("/*");
        // Early, so a large body is refused before authentication or any API reads it.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    static final class BodySizeFilter extends OncePerRequestFilter {

        private final long apiLimit;
        private final long engineLimit;

        BodySizeFilter(long apiLimit, long engineLimit) {
            this.apiLimit = apiLimit;
            this.engineLimit = engineLimit;
        }

        long limitFor(String path) {
            // The GP system API takes small JSON; everything else may carry files (the engine APIs letters as
            // base64, the simulator's e-RS uploads of them).
            return path.startsWith("/api/") ? apiLimit : engineLimit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            long limit = limitFor(path);
            if (request.getContentLengthLong() > limit) {
                response.setStatus(413);
                response.setContentType("application/json");
                response.getOutputStream().write(("{\"type\":\"RequestTooLarge\",\"message\":\"The request body is larger than "
                        + limit + " bytes, the most this path accepts\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            chain.doFilter(request.getContentLengthLong() < 0 ? new Bounded(request, limit) : request, response);
        }
    }

    /** A body of unknown length that fails to read past the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > limit) {
                        throw new IOException("Request body larger than " + limit + " bytes");
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
