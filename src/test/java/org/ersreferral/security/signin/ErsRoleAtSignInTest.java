package org.ersreferral.security.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ersreferral.ers.ErsCall;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsException;
import org.ersreferral.ers.ErsRole;
import org.ersreferral.process.ErsUserReady;
import org.ersreferral.security.acting.ErsRoleChoices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/** What happens right after sign-in, for each answer e-RS can give to A030. */
class ErsRoleAtSignInTest {

    private static final String USER = "555000000105";
    private static final ErsRole CLINICIAN_R69 = new ErsRole("REFERRING_CLINICIAN", "R69", null);
    private static final ErsRole ADMIN_RXB = new ErsRole("REFERRING_CLINICIAN_ADMIN", "RXB", null);
    private static final ErsRole PROVIDER_R68 = new ErsRole("SERVICE_PROVIDER_CLINICIAN", "R68", null);

    private final ErsClient ers = mock(ErsClient.class);
    private final ErsRoleChoices choices = mock(ErsRoleChoices.class);
    private final AuthenticationSuccessHandler toPageAsked = mock(AuthenticationSuccessHandler.class);
    private final List<Object> events = new ArrayList<>();
    private final List<String> tokensDeleted = new ArrayList<>();
    private final SignedInUser user = new SignedInUser(List.of(), new OidcIdToken("id-token", Instant.now(),
            Instant.now().plusSeconds(300), Map.of("sub", USER, "nhsid_useruid", USER)), null, "nhsid_useruid",
            List.of("referral-coordinators"), List.of("R69", "RXB"));
    private final Authentication signedIn = new TestingAuthenticationToken(user, null);

    private MockHttpServletRequest request;
    private MockHttpServletResponse response;
    private MockHttpSession session;

    @BeforeEach
    void request() {
        session = new MockHttpSession();
        request = new MockHttpServletRequest("GET", "/login/oauth2/code/cis2");
        request.setSession(session);
        response = new MockHttpServletResponse();
        when(choices.chosen(USER)).thenReturn(Optional.empty());
    }

    @Test
    void oneReferrerRoleIsChosenWithoutAskingAndThePersonGoesOn() throws Exception {
        a030Answers(CLINICIAN_R69, PROVIDER_R68);

        handler(true).onAuthenticationSuccess(request, response, signedIn);

        verify(choices).choose(USER, CLINICIAN_R69);
        assertThat(events).containsExactly(new ErsUserReady(USER, List.of("referral-coordinators"), List.of("R69", "RXB")));
        verify(toPageAsked).onAuthenticationSuccess(request, response, signedIn);
    }

    @Test
    void a030IsAskedAsThePersonSigningIn() throws Exception {
        a030Answers(CLINICIAN_R69);

        handler(true).onAuthenticationSuccess(request, response, signedIn);

        verify(ers).retrieveRoles(new ErsCall("sign-in", "A030", USER));
    }

    @Test
    void severalRolesAndNoEarlierChoiceGoToTheRolePageFirst() throws Exception {
        a030Answers(CLINICIAN_R69, ADMIN_RXB);

        handler(true).onAuthenticationSuccess(request, response, signedIn);

        assertThat(response.getRedirectedUrl()).isEqualTo("/ers-role");
        verify(choices, never()).choose(any(), any());
        verifyNoInteractions(toPageAsked);
        assertThat(events).isEmpty();
    }

    @Test
    void anEarlierChoiceThatERsStillGivesIsKeptAndThePersonGoesOn() throws Exception {
        a030Answers(CLINICIAN_R69, ADMIN_RXB);
        when(choices.chosen(USER)).thenReturn(Optional.of(new ErsRole("REFERRING_CLINICIAN_ADMIN", "rxb", null)));

        handler(true).onAuthenticationSuccess(request, response, signedIn);

        verify(choices, never()).choose(any(), any());
        assertThat(events).hasSize(1);
        verify(toPageAsked).onAuthenticationSuccess(request, response, signedIn);
    }

    @Test
    void anEarlierChoiceThatERsNoLongerGivesCountsForNothing() throws Exception {
        a030Answers(CLINICIAN_R69, ADMIN_RXB);
        when(choices.chosen(USER)).thenReturn(Optional.of(new ErsRole("REFERRING_CLINICIAN_ADMIN", "R69", null)));

        handler(true).onAuthenticationSuccess(request, response, signedIn);

        assertThat(response.getRedirectedUrl()).isEqualTo("/ers-role");
        assertThat(events).isEmpty();
    }

    @Test
    void noReferrerRoleIsRefusedAndSignedOut() throws Exception {
        a030Answers(PROVIDER_R68);

        handler(true).onAuthenticationSuccess(request, response, signedIn);

        assertThat(response.getRedirectedUrl()).isEqualTo("/sign-in/refused?reason=no-ers-role");
        assertThat(session.isInvalid()).isTrue();
        assertThat(tokensDeleted).containsExactly(USER);
        verifyNoInteractions(toPageAsked);
        assertThat(events).isEmpty();
    }

    @Test
    void eRsNotAnsweringLetsThePersonInThroughTheRolePageWhichSaysSo() throws Exception {
        when(ers.retrieveRoles(any())).thenThrow(new ErsException("A030", 503, "unavailable", null));

        handler(true).onAuthenticationSuccess(request, response, signedIn);

        assertThat(response.getRedirectedUrl()).isEqualTo("/ers-role");
        assertThat(session.isInvalid()).isFalse();
        assertThat(tokensDeleted).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void whenCallsActInTheApplicationsRoleNobodyChoosesAndEveryoneIsReady() throws Exception {
        handler(false).onAuthenticationSuccess(request, response, signedIn);

        verifyNoInteractions(ers);
        assertThat(events).hasSize(1);
        verify(toPageAsked).onAuthenticationSuccess(request, response, signedIn);
    }

    private void a030Answers(ErsRole... roles) {
        when(ers.retrieveRoles(any())).thenReturn(List.of(roles));
    }

    private ErsRoleAtSignIn handler(boolean perPerson) {
        return new ErsRoleAtSignIn(toPageAsked, new ErsRoles(ers, choices, events::add, perPerson), tokensDeleted::add);
    }
}
