package org.ersreferral.security.signin;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The few pages of signing in and out that are the application's own: the sign-out button (the
 * webapps' "Log out" leads here), the signed-out page the provider sends the browser back to, and
 * the page of a refused sign-in.
 */
@RestController
@Conditional(SignInOn.class)
class SignInPages {

    static final String SIGN_OUT = "/logout";
    static final String SIGNED_OUT = "/signed-out";
    static final String REFUSED = "/sign-in/refused";
    static final String NO_ROLE = "no-role";
    static final String FAILED = "failed";
    static final String NO_ERS_ROLE = "no-ers-role";

    /** Where the webapps' configuration ({@code scripts/config.js}) finds the script that makes "Log out" sign out. */
    static final String WEBAPP_SIGN_OUT_SCRIPT = "/camunda/app/sign-out.js";

    private static final String TASKLIST = "/camunda/app/tasklist/";

    private final String signOutScript = resource("sign-out.js");

    /** Served only while sign-in is on: without it the import fails and the webapps keep their own log-out. */
    @GetMapping(value = WEBAPP_SIGN_OUT_SCRIPT, produces = "text/javascript")
    ResponseEntity<String> webappSignOutScript() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.parseMediaType("text/javascript"))
                .body(signOutScript);
    }

    /** A button, not a link that signs out: another site's link or image must not sign anyone out. */
    @GetMapping(value = SIGN_OUT, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> signOut(HttpServletRequest request) {
        return page("Sign out", "<p>Sign out of the e-RS referrals application and of NHS CIS2 in this browser.</p>"
                + "<form method=\"post\" action=\"" + request.getContextPath() + SIGN_OUT + "\">"
                + "<button type=\"submit\" id=\"sign-out\">Sign out</button></form>"
                + "<p>Or <a id=\"change-ers-role\" href=\"" + request.getContextPath() + ErsRolePage.PATH
                + "\">change the e-RS role you act in</a>.</p>");
    }

    @GetMapping(value = SIGNED_OUT, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> signedOut(HttpServletRequest request) {
        return page("Signed out", "<p>You have signed out.</p><p><a id=\"sign-in\" href=\"" + request.getContextPath() + TASKLIST
                + "\">Sign in again</a></p>");
    }

    @GetMapping(value = REFUSED, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> refused(@RequestParam(required = false) String reason, HttpServletRequest request) {
        String why = NO_ROLE.equals(reason)
                ? "<p id=\"no-role\">None of your NHS CIS2 roles gives access to e-RS referrals here. Referral coordinators,"
                + " analysts and administrators need a role this application accepts at their organisation.</p>"
                + "<p>Ask your Registration Authority or the application's administrator to check your roles.</p>"
                : NO_ERS_ROLE.equals(reason)
                ? "<p id=\"no-ers-role\">e-RS gives you no referrer role (Referring Clinician, Referring Clinician Admin or"
                + " Referring Admin) at any organisation, so nothing could be done in e-RS as you. You have been signed out.</p>"
                + "<p>Ask your Registration Authority to check your e-RS roles.</p>"
                : "<p id=\"failed\">Signing in could not be completed. Try again; if it keeps failing, tell the"
                + " application's administrator when it happened.</p>";
        return ResponseEntity.status(403).contentType(MediaType.TEXT_HTML)
                .body(html("You cannot use this application", why + "<p><a href=\"" + request.getContextPath() + TASKLIST
                        + "\">Sign in as someone else</a></p>"));
    }

    private static String resource(String name) {
        try (InputStream in = SignInPages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + name + " beside " + SignInPages.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<String> page(String title, String body) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html(title, body));
    }

    static String html(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + "</title></head><body style=\"font-family: Arial, sans-serif; margin: 2rem; max-width: 40rem\"><h1>"
                + HtmlUtils.htmlEscape(title) + "</h1>" + body + "</body></html>";
    }
}
