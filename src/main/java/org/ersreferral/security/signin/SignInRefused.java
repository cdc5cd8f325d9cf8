package org.ersreferral.security.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A sign-in that did not succeed ends on a page that says why in the application's words (never the
 * provider's or the request's): no role that gives access here, or a sign-in that could not be
 * completed. The session is ended, so that the next attempt starts afresh (and, with the embedded
 * simulator, another smartcard can be chosen).
 */
class SignInRefused implements AuthenticationFailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SignInRefused.class);

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        boolean noRole = exception instanceof OAuth2AuthenticationException refused
                && Cis2People.NO_ROLE.equals(refused.getError().getErrorCode());
        // The error code only: descriptions can carry what the caller sent.
        LOG.info("Sign-in refused: {}", exception instanceof OAuth2AuthenticationException refused
                ? refused.getError().getErrorCode() : exception.getClass().getSimpleName());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + SignInPages.REFUSED + "?reason=" + (noRole ? SignInPages.NO_ROLE : SignInPages.FAILED));
    }
}
