package org.ersreferral.simulator;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The simulated CIS2 sign-in: every simulated smartcard user with their user id and roles; choosing
 * one ("insert smartcard") posts to Spring Security's form login of {@link Cis2AuthorizationServer},
 * which then carries on with the authorization request that brought the browser here. Plain HTML,
 * no external assets, every value escaped.
 */
@Controller
@ConditionalOnSimulator
class SmartcardSignInPage {

    @GetMapping(path = Cis2AuthorizationServer.SIGN_IN, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>NHS CIS2 (simulated): sign in</title>
                <style>body{font-family:sans-serif;margin:2rem;max-width:50rem}li{margin:0 0 1rem}
                .card{border:1px solid #999;padding:.8rem}.roles{margin:.3rem 0}</style></head><body>
                <h1>NHS CIS2 (simulated)</h1>
                <p>Choose the smartcard to insert. This is the e-RS simulator's stand-in for NHS CIS2.</p>
                """);
        if (request.getParameter("error") != null) {
            html.append("<p role=\"alert\">That smartcard could not be read; choose another.</p>\n");
        }
        html.append("<ul>\n");
        for (SmartcardUsers.User user : SmartcardUsers.ALL) {
            String roles = user.roles().stream().map(SmartcardSignInPage::describe).collect(Collectors.joining("<br>"));
            html.append("<li class=\"card\"><form method=\"post\" action=\"")
                    .append(escape(request.getContextPath() + Cis2AuthorizationServer.SIGN_IN))
                    .append("\"><strong>").append(escape(user.name())).append("</strong> (").append(escape(user.username()))
                    .append("), user id ").append(escape(user.userId()))
                    .append("<div class=\"roles\">").append(roles).append("</div>")
                    .append("<input type=\"hidden\" name=\"user\" value=\"").append(escape(user.userId())).append("\">");
            if (csrf != null) {
                html.append("<input type=\"hidden\" name=\"").append(escape(csrf.getParameterName())).append("\" value=\"")
                        .append(escape(csrf.getToken())).append("\">");
            }
            html.append("<button type=\"submit\">Insert smartcard</button></form></li>\n");
        }
        html.append("</ul>\n</body></html>\n");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html.toString());
    }

    /** CIS2 role names come in quotes, which are left out here. */
    private static String describe(SmartcardUsers.Role role) {
        String functions = role.businessFunctions().isEmpty() ? "no e-RS role" : String.join(", ", role.businessFunctions());
        return escape(role.roleName().replace("\"", "") + " at " + role.orgName() + " (" + role.orgCode() + "): " + functions);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
