package org.ersreferral.security.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * After the session here has ended, the browser goes to the provider's end-session endpoint
 * (OpenID Connect RP-initiated logout, with the ID token as hint), which ends the session there and
 * sends it back to the signed-out page. Without a known endpoint, straight to that page.
 */
class EndSessionAtProvider implements LogoutSuccessHandler {

    private final SignInRegistrations registrations;

    EndSessionAtProvider(SignInRegistrations registrations) {
        this.registrations = registrations;
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        String base = SignInConfig.requestBase(request);
        String signedOut = base + SignInPages.SIGNED_OUT;
        String target = signedOut;
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            ClientRegistration registration = registrations.findByRegistrationId(SignInRegistrations.REGISTRATION_ID);
            Object endSession = registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
            if (endSession != null) {
                String endpoint = endSession.toString();
                if (registrations.embedded()) {
                    endpoint = endpoint.replace(registrations.localBaseUrl(), base);
                }
                target = UriComponentsBuilder.fromUriString(endpoint)
                        .queryParam("id_token_hint", user.getIdToken().getTokenValue())
                        .queryParam("client_id", registration.getClientId())
                        .queryParam("post_logout_redirect_uri", signedOut)
                        .encode().build().toUriString();
            }
        }
        response.sendRedirect(target);
    }
}
