package org.ersreferral.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The short problem JSON the edge filters answer with; never echoes what the caller sent. */
final class Problems {

    private Problems() {
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "'") + "\"}");
        response.flushBuffer();
    }
}
