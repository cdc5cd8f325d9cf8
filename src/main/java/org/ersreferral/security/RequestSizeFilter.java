package org.ersreferral.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Bounds every request body where it enters (413 with the limit), before authentication, so that
 * no caller can fill the heap. A declared Content-Length over the limit is refused unread. A body
 * of unknown length (chunked) is read up to the limit first, in memory while small and in a temp
 * file beyond, and handed on from there; one byte more and it is refused. Task completions and form
 * submissions, which may carry referral letters, and files sent to the simulator get the larger
 * upload limit. Form posts are left to Tomcat's {@code max-http-form-post-size}, which reads them
 * itself.
 */
class RequestSizeFilter extends OncePerRequestFilter {

    private static final int IN_MEMORY = 256 * 1024;
    private static final List<PathPattern> UPLOADS = List.of(
            "/engine-rest/task/{id}/complete", "/engine-rest/task/{id}/submit-form",
            "/engine-rest/engine/{engine}/task/{id}/complete", "/engine-rest/engine/{engine}/task/{id}/submit-form",
            "/camunda/api/engine/engine/{engine}/task/{id}/complete", "/camunda/api/engine/engine/{engine}/task/{id}/submit-form",
            "/ers-sim/FHIR/STU3/Binary").stream().map(PathPatternParser.defaultInstance::parse).toList();

    private final long maxBody;
    private final long maxUpload;

    RequestSizeFilter(DataSize maxBody, DataSize maxUpload) {
        this.maxBody = maxBody.toBytes();
        this.maxUpload = maxUpload.toBytes();
    }

    long limitFor(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return UPLOADS.stream().anyMatch(pattern -> pattern.matches(container)) ? maxUpload : maxBody;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(response, limit);
            return;
        }
        if (declared >= 0 || request.getHeader("Transfer-Encoding") == null || isForm(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        Path spool = null;
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream memory = new ByteArrayOutputStream();
            OutputStream out = memory;
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int read; (read = in.read(buffer)) != -1; ) {
                total += read;
                if (total > limit) {
                    out.close();
                    tooLarge(response, limit);
                    return;
                }
                if (spool == null && total > IN_MEMORY) {
                    spool = Files.createTempFile("request-body-", ".part");
                    out = Files.newOutputStream(spool);
                    memory.writeTo(out);
                    memory = null;
                }
                out.write(buffer, 0, read);
            }
            out.close();
            InputStream body = spool == null ? new ByteArrayInputStream(memory.toByteArray()) : Files.newInputStream(spool);
            try (body) {
                chain.doFilter(new ReadBody(request, body, total), response);
            }
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        // Tomcat reads at most server.tomcat.max-swallow-size of what is left, then closes the connection.
        response.setHeader("Connection", "close");
        Problems.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Content Too Large",
                "The request body is larger than allowed here: at most " + describe(limit));
    }

    static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB (" + bytes + " bytes)"
                : bytes % 1024 == 0 ? bytes / 1024 + " KB (" + bytes + " bytes)" : bytes + " bytes";
    }

    /** The request with its body already read to the end, up to the limit. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final ServletInputStream stream;
        private final long length;

        ReadBody(HttpServletRequest request, InputStream body, long length) {
            super(request);
            this.length = length;
            this.stream = new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = body.read();
                    finished = b == -1;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = body.read(b, off, len);
                    finished = n == -1;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body has been read already");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        @Override
        public int getContentLength() {
            return length > Integer.MAX_VALUE ? -1 : (int) length;
        }

        @Override
        public long getContentLengthLong() {
            return length;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(stream,
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
        }
    }
}
