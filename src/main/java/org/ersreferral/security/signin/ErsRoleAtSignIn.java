package org.ersreferral.security.signin;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Right after someone signed in (when e-RS calls act as people, {@code ers.auth.mode=cis2}), e-RS is asked (A030, as them) which referrer roles they hold. One
 * role, or an earlier choice e-RS still gives them: they go on to the page they asked for, acting in
 * it. Several and no such choice: the role page first ({@link ErsRolePage}), which then sends them
 * on. None: refused like a person with no CIS2 role, and signed out. e-RS not answering must not
 * lock everyone out: they go to the role page, which says so and lets them carry on.
 */
class ErsRoleAtSignIn implements AuthenticationSuccessHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErsRoleAtSignIn.class);

    private final AuthenticationSuccessHandler toPageAsked;
    private final ErsRoles roles;
    private final Consumer<String> deleteErsTokens;

    /**
     * @param toPageAsked     the usual end of signing in: back to the page the person asked for
     * @param deleteErsTokens what signing out does with a person's stored e-RS tokens
     */
    ErsRoleAtSignIn(AuthenticationSuccessHandler toPageAsked, ErsRoles roles, Consumer<String> deleteErsTokens) {
        this.toPageAsked = toPageAsked;
        this.roles = roles;
        this.deleteErsTokens = deleteErsTokens;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        if (!(authentication.getPrincipal() instanceof SignedInUser user)) {
            toPageAsked.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        if (!roles.perPerson()) {
            // e-RS calls act in the application's configured role: the person has nothing to choose.
            roles.ready(user);
            toPageAsked.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        List<ErsRole> referrer;
        try {
            referrer = roles.referrerRoles(user.userId());
        } catch (RuntimeException unavailable) {
            // The operation and status only: e-RS's words can carry what was sent.
            LOG.warn("e-RS did not tell the roles of a person signing in (A030): {}", unavailable instanceof ErsException ers
                    ? "status " + ers.status() : unavailable.getClass().getSimpleName());
            // The page asks e-RS again and says so when it still does not answer; it never sends them back here.
            response.sendRedirect(request.getContextPath() + ErsRolePage.PATH);
            return;
        }
        if (referrer.isEmpty()) {
            refuse(request, response, user);
            return;
        }
        Optional<ErsRole> earlier = roles.validChoice(user.userId(), referrer);
        if (earlier.isPresent()) {
            roles.ready(user);
        } else if (referrer.size() == 1) {
            roles.choose(user, referrer.get(0));
        } else {
            response.sendRedirect(request.getContextPath() + ErsRolePage.PATH);
            return;
        }
        toPageAsked.onAuthenticationSuccess(request, response, authentication);
    }

    /** Signed out as the sign-out button does (session and stored e-RS tokens), then told why. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, SignedInUser user) throws IOException {
        LOG.info("Sign-in refused: no e-RS referrer role");
        deleteErsTokens.accept(user.userId());
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + SignInPages.REFUSED + "?reason=" + SignInPages.NO_ERS_ROLE);
    }
}
