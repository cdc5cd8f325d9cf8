package org.ersreferral.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser and the application's client, by hand over real HTTP: it keeps cookies, follows no
 * redirect by itself, and walks the authorization-code flow with PKCE one step at a time.
 */
final class Cis2Browser {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final String root;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    Cis2Browser(int port) {
        this.root = "http://localhost:" + port;
    }

    String redirectUri() {
        return root + "/login/oauth2/code/cis2";
    }

    record Answer(int status, String location, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        /** A query parameter of the Location header. */
        String locationParameter(String name) {
            if (location == null || !location.contains("?")) {
                return null;
            }
            for (String pair : location.substring(location.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name)) {
                    return kv.length == 1 ? "" : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    /** A PKCE pair: the verifier the client keeps and the S256 challenge it sends. */
    record Pkce(String verifier, String challenge) {
        static Pkce fresh() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Answer get(String pathOrUrl, String... headers) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), headers);
    }

    Answer postForm(String path, Map<String, String> form, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/x-www-form-urlencoded";
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(form(form))), all);
    }

    Answer postJson(String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/fhir+json";
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), all);
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : root + pathOrUrl);
    }

    private Answer send(HttpRequest.Builder request, String... headers) {
        request.timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** The authorization request the application sends the browser to. */
    String authorizeUrl(String clientId, String redirectUri, String state, String nonce, Pkce pkce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", "openid profile nationalrbacaccess");
        query.put("state", state);
        query.put("nonce", nonce);
        if (pkce != null) {
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
        }
        return "/ers-sim/oauth2/authorize?" + form(query);
    }

    /**
     * Goes to the authorization endpoint, is sent to the sign-in page, inserts {@code userId}'s
     * smartcard and is sent back to the authorization request, which answers with the redirect to the
     * application; that last answer is returned.
     */
    Answer signIn(String authorizeUrl, String userId) {
        Answer first = get(authorizeUrl, "Accept", "text/html");
        if (first.status() != 302 || !first.location().contains("/ers-sim/cis2/sign-in")) {
            return first;
        }
        Answer page = get(first.location(), "Accept", "text/html");
        if (page.status() != 200) {
            throw new IllegalStateException("sign-in page: " + page.status() + " " + page.body());
        }
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page: " + page.body());
        }
        Answer signedIn = postForm("/ers-sim/cis2/sign-in", Map.of("user", userId, "_csrf", csrf.group(1)), "Accept", "text/html");
        if (signedIn.status() != 302) {
            throw new IllegalStateException("sign-in: " + signedIn.status() + " " + signedIn.body());
        }
        return get(signedIn.location(), "Accept", "text/html");
    }

    /** The application exchanges the code at the token endpoint, authenticating with its secret. */
    Answer exchange(String clientId, String secret, String code, String redirectUri, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        return postForm("/ers-sim/oauth2/token", form, "Authorization", basic(clientId, secret), "Accept", "application/json");
    }

    Answer refresh(String clientId, String secret, String refreshToken) {
        return postForm("/ers-sim/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                "Authorization", basic(clientId, secret), "Accept", "application/json");
    }

    Answer revoke(String clientId, String secret, String token) {
        return postForm("/ers-sim/oauth2/revoke", Map.of("token", token), "Authorization", basic(clientId, secret));
    }

    /** A030 with this bearer token and no role headers. */
    Answer practitionerRoles(String accessToken) {
        return get("/ers-sim/FHIR/R4/PractitionerRole", "Authorization", "Bearer " + accessToken,
                "Accept", "application/fhir+json");
    }
}
