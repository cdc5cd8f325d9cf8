package org.ersreferral.security.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The person's e-RS role, as e-RS's own "select role" offers it: each referrer role e-RS gives them
 * (A030, asked now) with the organisation, the one they act in marked. Choosing one of exactly
 * those keeps it for their later sign-ins and sends them on to the page they first asked for.
 * Signed-in people only (the sign-in filter chain); a cross-site form is refused by the edge filters.
 */
@RestController
@Conditional(SignInOn.class)
class ErsRolePage {

    static final String PATH = "/ers-role";
    static final String ROLE_FIELD = "role";

    private static final Logger LOG = LoggerFactory.getLogger(ErsRolePage.class);
    private static final String TASKLIST = "/camunda/app/tasklist/";

    private final ErsRoles roles;
    private final IdentityService identities;
    private final RequestCache pagesBeforeSignIn;

    ErsRolePage(ErsRoles roles, IdentityService identities) {
        this.roles = roles;
        this.identities = identities;
        this.pagesBeforeSignIn = SignInConfig.pagesBeforeSignIn();
    }

    /** Refused before e-RS is asked: nobody signed in with CIS2, or calls here do not act in people's roles. */
    private Optional<ResponseEntity<String>> nothingToChoose(SignedInUser user, HttpServletRequest request) {
        if (user == null) {
            return Optional.of(page(HttpStatus.FORBIDDEN,
                    "<p id=\"not-a-person\">Only people signed in through NHS CIS2 act in an e-RS role.</p>"));
        }
        if (!roles.perPerson()) {
            return Optional.of(page(HttpStatus.NOT_FOUND, "<p id=\"no-personal-roles\">e-RS calls here act in the role the"
                    + " application is configured with, not in one of yours: there is no role to choose.</p>" + links(request)));
        }
        return Optional.empty();
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(HttpServletRequest request, HttpServletResponse response) {
        SignedInUser user = SignedInUser.current().orElse(null);
        Optional<ResponseEntity<String>> nothingToChoose = nothingToChoose(user, request);
        if (nothingToChoose.isPresent()) {
            return nothingToChoose.get();
        }
        List<ErsRole> offered;
        try {
            offered = roles.referrerRoles(user.userId());
        } catch (RuntimeException unavailable) {
            return page(HttpStatus.OK, unavailable(request, response, unavailable));
        }
        return page(HttpStatus.OK, choices(request, offered, roles.validChoice(user.userId(), offered).orElse(null), null));
    }

    @PostMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> choose(@RequestParam(name = ROLE_FIELD, required = false) String role, HttpServletRequest request,
                                  HttpServletResponse response) {
        SignedInUser user = SignedInUser.current().orElse(null);
        Optional<ResponseEntity<String>> nothingToChoose = nothingToChoose(user, request);
        if (nothingToChoose.isPresent()) {
            return nothingToChoose.get();
        }
        List<ErsRole> offered;
        try {
            offered = roles.referrerRoles(user.userId());
        } catch (RuntimeException unavailable) {
            return page(HttpStatus.SERVICE_UNAVAILABLE, unavailable(request, response, unavailable));
        }
        Optional<ErsRole> chosen = parse(role).flatMap(parts -> ErsRoles.find(offered, parts[0], parts[1]));
        if (chosen.isEmpty()) {
            // The caller's value is not repeated: it could be anything.
            String refusal = "<p id=\"refused\" role=\"alert\"><strong>Field '" + ROLE_FIELD + "': choose one of the e-RS roles"
                    + " listed below.</strong> The value sent is not one of the roles e-RS gives you.</p>";
            return page(HttpStatus.BAD_REQUEST,
                    choices(request, offered, roles.validChoice(user.userId(), offered).orElse(null), refusal));
        }
        roles.choose(user, chosen.get());
        String next = next(request, response);
        pagesBeforeSignIn.removeRequest(request, response);
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, next).build();
    }

    /** {@code BUSINESS_FUNCTION@ODS}, as the form sends it. */
    private static Optional<String[]> parse(String role) {
        if (role == null) {
            return Optional.empty();
        }
        int at = role.indexOf('@');
        if (at <= 0 || at == role.length() - 1 || role.indexOf('@', at + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {role.substring(0, at), role.substring(at + 1)});
    }

    private String choices(HttpServletRequest request, List<ErsRole> offered, ErsRole current, String refusal) {
        StringBuilder body = new StringBuilder();
        if (refusal != null) {
            body.append(refusal);
        }
        body.append("<p>e-RS acts for you in one role at one organisation. Choose the role to act in; it is kept for your"
                + " next sign-ins, and you can change it on this page at any time.</p>");
        body.append("<form method=\"post\" action=\"").append(request.getContextPath()).append(PATH).append("\">")
                .append("<fieldset style=\"border: none; padding: 0\"><legend><strong>Select role</strong></legend>");
        for (int i = 0; i < offered.size(); i++) {
            ErsRole role = offered.get(i);
            boolean isCurrent = ErsRoles.same(role, current);
            String value = role.businessFunction() + "@" + role.odsCode();
            String id = "role-" + role.businessFunction() + "-" + role.odsCode();
            body.append("<p><input type=\"radio\" name=\"").append(ROLE_FIELD).append("\" id=\"").append(esc(id))
                    .append("\" value=\"").append(esc(value)).append('"').append(isCurrent ? " checked" : "").append(" required>")
                    .append(" <label for=\"").append(esc(id)).append("\"><strong>").append(esc(ErsRoles.words(role.businessFunction())))
                    .append("</strong> at ").append(esc(organisation(role)))
                    .append(isCurrent ? " <em id=\"current-role\">(your current role)</em>" : "")
                    .append("</label></p>");
        }
        body.append("</fieldset><button type=\"submit\" id=\"choose-role\">Act in this role</button></form>");
        body.append(links(request));
        return body.toString();
    }

    private String unavailable(HttpServletRequest request, HttpServletResponse response, RuntimeException unavailable) {
        LOG.warn("e-RS did not tell a person's roles (A030): {}", unavailable instanceof ErsException ers
                ? "status " + ers.status() : unavailable.getClass().getSimpleName());
        return "<p id=\"ers-unavailable\" role=\"alert\"><strong>e-RS did not answer when asked for your roles.</strong>"
                + " You can use the application; referral steps that call e-RS as you need a role, so choose it here once"
                + " e-RS answers again.</p>"
                + "<p><a id=\"try-again\" href=\"" + request.getContextPath() + PATH + "\">Try again</a></p>"
                + "<p><a id=\"carry-on\" href=\"" + esc(next(request, response)) + "\">Carry on to the application</a></p>";
    }

    private static String links(HttpServletRequest request) {
        return "<p><a href=\"" + request.getContextPath() + TASKLIST + "\">Tasklist</a> &middot; <a href=\""
                + request.getContextPath() + SignInPages.SIGN_OUT + "\">Sign out</a></p>";
    }

    /** The page the person asked for before signing in, else Tasklist. */
    private String next(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = pagesBeforeSignIn.getRequest(request, response);
        return saved != null ? saved.getRedirectUrl() : request.getContextPath() + TASKLIST;
    }

    /**
     * The organisation as people know it: e-RS's name for it when A030 gives one (it need not), else
     * the application's (its tenant's name, set in Admin), with the ODS code.
     */
    private String organisation(ErsRole role) {
        String name = role.organisationName();
        if (name == null || name.isBlank()) {
            Tenant tenant = identities.createTenantQuery().tenantId(role.odsCode()).singleResult();
            name = tenant == null ? null : tenant.getName();
        }
        if (name == null || name.isBlank()) {
            return role.odsCode();
        }
        return name.contains(role.odsCode()) ? name : name + " (" + role.odsCode() + ")";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static ResponseEntity<String> page(HttpStatus status, String body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML)
                .body(SignInPages.html("Your e-RS role", body));
    }
}
