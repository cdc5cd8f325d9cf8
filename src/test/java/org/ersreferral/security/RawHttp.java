package org.ersreferral.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ersreferral.lifecycle.LiveApplication;

/**
 * HTTP/1.1 over a plain socket, so that the path reaches the server exactly as written (no client
 * normalises {@code /./}, {@code ;} or {@code %69}), with any header and any body framing.
 */
final class RawHttp {

    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /** A request as written; {@code user} signs in by basic authentication (password {@link LiveApplication#PASSWORD}). */
    Reply send(String method, String rawPath, String user, Map<String, String> headers, String body) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return exchange(head(method, rawPath, user, headers) + (bytes == null ? "" : "Content-Length: " + bytes.length + "\r\n") + "\r\n",
                out -> {
                    if (bytes != null) {
                        out.write(bytes);
                    }
                });
    }

    Reply get(String rawPath, String user) {
        return send("GET", rawPath, user, Map.of(), null);
    }

    /** Declares a body of {@code length} bytes and sends only its first kilobyte: the answer must not wait for the rest. */
    Reply declared(String method, String path, String user, long length) {
        return exchange(head(method, path, user, Map.of("Content-Type", "application/json")) + "Content-Length: " + length + "\r\n\r\n",
                out -> out.write(new byte[1024]));
    }

    /** Sends {@code length} bytes of {@code filler} chunked, the way a client streams a body of unknown length. */
    Reply chunked(String method, String path, String user, String prefix, long length) {
        return exchange(head(method, path, user, Map.of("Content-Type", "application/json")) + "Transfer-Encoding: chunked\r\n\r\n",
                out -> {
                    byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(start.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(start);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                    for (long sent = start.length; sent < length; sent += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    byte[] end = "\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                    out.write(("2\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(end);
                });
    }

    private String head(String method, String rawPath, String user, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nConnection: close\r\nAccept: application/json\r\n");
        if (user != null) {
            head.append("Authorization: Basic ").append(Base64.getEncoder().encodeToString(
                    (user + ":" + LiveApplication.PASSWORD).getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.toString();
    }

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes on one thread while reading on this one: a server may answer (and stop reading) before the body is sent. */
    private Reply exchange(String head, Body body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    body.write(out);
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered and closed before the whole body was sent: that is what is tested
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            byte[] answer = readAll(socket.getInputStream());
            socket.close();
            writer.join(10_000);
            return parse(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads one answer, complete by its own framing (Content-Length or the last chunk), without
     * waiting for the connection to close: after refusing a body the server may keep reading it.
     */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) != -1; ) {
                all.write(buffer, 0, read);
                if (complete(all.toByteArray())) {
                    break;
                }
            }
        } catch (java.net.SocketException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private static boolean complete(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int length = head.indexOf("\r\ncontent-length:");
        if (length >= 0) {
            int lineEnd = head.indexOf("\r\n", length + 2);
            long declared = Long.parseLong(head.substring(length + 17, lineEnd < 0 ? head.length() : lineEnd).trim());
            return answer.length - end - 4 >= declared;
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return text.endsWith("\r\n0\r\n\r\n") || text.substring(end).startsWith("\r\n\r\n0\r\n\r\n");
        }
        return head.startsWith("http/1.1 204") || head.startsWith("http/1.1 304");
    }

    private static Reply parse(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("No HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            rest = unchunk(rest);
        }
        return new Reply(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(length, body.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
