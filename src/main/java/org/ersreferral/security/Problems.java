package org.ersreferral.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The short problem JSON the edge filters answer with; never echoes what the caller sent. */
public final class Problems {

    /** The realm every authentication challenge names (basic and bearer). */
    public static final String REALM = "ers-referral";

    private Problems() {
    }

    /**
     * Writes the answer with its length, so a client knows it has all of it even while Tomcat still
     * reads (and discards) the rest of a refused body before closing the connection.
     */
    public static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
