package org.ersreferral.security.signin;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Tells the Camunda webapps (Tasklist, Cockpit, Admin) who signed in with OpenID Connect: the
 * container-based authentication of the webapps, fed from Spring Security's signed-in
 * {@link SignedInUser}. The engine then checks its authorizations with the user id, groups and
 * tenants given here; the user need not exist in the engine's identity tables, so the webapp
 * authentication is built here instead of by {@link AuthenticationUtil}, which looks the user up.
 */
class WebappSignIn extends ContainerBasedAuthenticationFilter {

    /** The token's groups hold for the whole session: the webapps need not check them again against the identity tables. */
    private static final Date NEVER = new Date(Long.MAX_VALUE);

    WebappSignIn() {
        this.authenticationProvider = new SignedInPerson();
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // The provider is set in the constructor, not named by an init parameter.
    }

    @Override
    protected UserAuthentication createAuthentication(ProcessEngine engine, String userId, List<String> groups,
                                                      List<String> tenants) {
        UserAuthentication authentication = new UserAuthentication(userId, engine.getName());
        authentication.setGroupIds(groups);
        authentication.setTenantIds(tenants);
        authentication.setAuthorizedApps(authorizedApps(engine, userId, groups));
        authentication.setCacheValidationTime(NEVER);
        return authentication;
    }

    /** As the webapps' own login decides it: the welcome page always, each webapp with an ACCESS authorization. */
    private static Set<String> authorizedApps(ProcessEngine engine, String userId, List<String> groups) {
        Set<String> apps = new HashSet<>();
        apps.add(AuthenticationUtil.APP_WELCOME);
        AuthorizationService authorizations = engine.getAuthorizationService();
        boolean checked = engine.getProcessEngineConfiguration().isAuthorizationEnabled();
        for (String app : AuthenticationUtil.APPS) {
            if (!checked || authorizations.isUserAuthorized(userId, groups, Permissions.ACCESS, Resources.APPLICATION, app)) {
                apps.add(app);
            }
        }
        return apps;
    }

    /** The signed-in person of this request's session, or no one. */
    static final class SignedInPerson implements AuthenticationProvider {

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            SignedInUser user = SignedInUser.current().orElse(null);
            if (user == null) {
                return AuthenticationResult.unsuccessful();
            }
            AuthenticationResult result = AuthenticationResult.successful(user.userId());
            result.setGroups(user.groups());
            result.setTenants(user.organisations());
            return result;
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            // Signing in is Spring Security's redirect to the provider; an API call without a session just gets 401.
        }
    }
}
