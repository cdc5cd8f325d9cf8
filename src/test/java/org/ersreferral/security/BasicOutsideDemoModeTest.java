package org.ersreferral.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * With demo mode off, a basic-auth header on the APIs and {@code /engine-rest} is refused (401
 * naming bearer tokens) even with a right password, which is not even checked; in demo mode basic
 * authentication goes on as before.
 */
class BasicOutsideDemoModeTest {

    private static final List<GroupBasicAuthFilter.Rule> COORDINATORS_ONLY =
            List.of(GroupBasicAuthFilter.Rule.of("/api/referrals/**", Set.of(AccessGroups.COORDINATORS)));

    @Test
    void theApiFiltersRefuseBasicAuthenticationOutsideDemoMode() throws Exception {
        IdentityService identityService = mock(IdentityService.class);
        when(identityService.checkPassword(anyString(), anyString())).thenReturn(true);
        GroupBasicAuthFilter filter = new GroupBasicAuthFilter(identityService, COORDINATORS_ONLY, "ers-referral", false);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(basic("/api/referrals/r-1", "ops-admin", "right-password"), response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer ");
        assertThat(response.getContentAsString()).contains("bearer token").doesNotContain("right-password");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
        verify(identityService, never()).checkPassword(anyString(), anyString());
    }

    @Test
    void engineRestRefusesBasicAuthenticationOutsideDemoMode() throws Exception {
        EngineRestCallers callers = new EngineRestCallers(false);
        AuthenticationResult result = callers.extractAuthenticatedUser(
                basic("/engine-rest/task", "ops-admin", "right-password"), mock(ProcessEngine.class));
        assertThat(result.isAuthenticated()).isFalse();

        MockHttpServletResponse response = new MockHttpServletResponse();
        callers.augmentResponseByAuthenticationChallenge(response, mock(ProcessEngine.class));
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer ");
        assertThat(response.getContentAsString()).contains("bearer token");
    }

    @Test
    void inDemoModeBasicAuthenticationStillDecides() throws Exception {
        IdentityService identityService = mock(IdentityService.class);
        when(identityService.checkPassword("coordinator", "wrong")).thenReturn(false);
        GroupBasicAuthFilter filter = new GroupBasicAuthFilter(identityService, COORDINATORS_ONLY, "ers-referral", true);
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(basic("/api/referrals/r-1", "coordinator", "wrong"), response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic ");
        verify(identityService).checkPassword("coordinator", "wrong");
    }

    private static MockHttpServletRequest basic(String path, String user, String password) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addHeader("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return request;
    }
}
