package org.ersreferral.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.ersreferral.security.machine.MachineClient;

/**
 * Who calls {@code /engine-rest}, for Camunda's {@link ProcessEngineAuthenticationFilter}: a machine
 * client its bearer token authenticated, with the groups and organisations (tenants) of its token,
 * which the filter hands to the engine as they are (it looks nothing up for them); otherwise, where
 * basic authentication is allowed (demo mode), a user of the engine by HTTP basic authentication.
 */
final class EngineRestCallers implements AuthenticationProvider {

    private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();
    private final boolean basicAllowed;
    private final DemoErsSignIn demoErs;

    EngineRestCallers(boolean basicAllowed) {
        this(basicAllowed, GroupBasicAuthFilter.NO_DEMO_ERS);
    }

    /** @param demoErs what a demo user who authenticated with their password gets for e-RS */
    EngineRestCallers(boolean basicAllowed, DemoErsSignIn demoErs) {
        this.basicAllowed = basicAllowed;
        this.demoErs = demoErs;
    }

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Optional<MachineClient> client = MachineClient.current();
        if (client.isPresent()) {
            AuthenticationResult result = AuthenticationResult.successful(client.get().getName());
            result.setGroups(client.get().groups());
            result.setTenants(client.get().organisations());
            return result;
        }
        if (!basicAllowed) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = basic.extractAuthenticatedUser(request, engine);
        if (result.isAuthenticated() && DemoUsers.isDemoUser(result.getAuthenticatedUser())) {
            demoErs.signedInWithPassword(result.getAuthenticatedUser());
        }
        return result;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        if (basicAllowed) {
            basic.augmentResponseByAuthenticationChallenge(response, engine);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"ers-referral\"");
        try {
            Problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", GroupBasicAuthFilter.BEARER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Camunda's filter with this provider instance (its own init would make one by class name, without settings). */
    static final class Filter extends ProcessEngineAuthenticationFilter {

        Filter(AuthenticationProvider provider) {
            this.authenticationProvider = provider;
        }

        @Override
        public void init(FilterConfig filterConfig) {
            servletPathPrefix = filterConfig.getInitParameter(SERVLET_PATH_PREFIX);
        }
    }
}
