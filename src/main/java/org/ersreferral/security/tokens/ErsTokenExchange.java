package org.ersreferral.security.tokens;

import java.time.Clock;
import java.time.Duration;
import org.ersreferral.ers.ClientAssertion;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.TokenExchangeOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientTokenExchangeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * {@code ers.sign-in.pattern=separate}: a signed-in person's NHS CIS2 ID token is exchanged at the NHS
 * API platform's token endpoint for their user-restricted e-RS access token (RFC 8693), the application
 * authenticating with its signed client assertion. Spring Security's token-exchange client sends it;
 * the form is made exactly the platform's: {@code grant_type}, {@code subject_token_type} (an ID
 * token, which Spring would call an access token), {@code subject_token}, {@code client_assertion_type}
 * and {@code client_assertion}, without the {@code client_id} and {@code requested_token_type} it
 * would add. The exchanged tokens are stored under registration {@value #REGISTRATION_ID}.
 */
final class ErsTokenExchange {

    static final String REGISTRATION_ID = "ers";
    static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
    private static final String SUBJECT = ErsTokenExchange.class.getName() + ".SUBJECT_TOKEN";

    private final ClientRegistration registration;
    private final TokenExchangeOAuth2AuthorizedClientProvider provider = new TokenExchangeOAuth2AuthorizedClientProvider();

    ErsTokenExchange(ClientAssertion assertion, OAuth2AccessTokenResponseClient<TokenExchangeGrantRequest> tokenEndpoint,
                     Clock clock) {
        this.registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(assertion.apiKey())
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
                .tokenUri(assertion.tokenUrl())
                .build();
        provider.setAccessTokenResponseClient(tokenEndpoint);
        provider.setSubjectTokenResolver(context -> context.getAttribute(SUBJECT));
        provider.setClock(clock);
    }

    /** Spring Security's token-exchange client sending the platform's form, with the given time-outs. */
    static RestClientTokenExchangeTokenResponseClient tokenEndpointClient(ClientAssertion assertion, Duration connectTimeout,
                                                                         Duration readTimeout) {
        RestClientTokenExchangeTokenResponseClient client = new RestClientTokenExchangeTokenResponseClient();
        client.setRestClient(UserErsTokens.tokenEndpointRestClient(connectTimeout, readTimeout));
        client.addParametersConverter(request -> {
            MultiValueMap<String, String> authentication = new LinkedMultiValueMap<>();
            authentication.set(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE, ClientAssertion.TYPE);
            authentication.set(OAuth2ParameterNames.CLIENT_ASSERTION, assertion.sign());
            return authentication;
        });
        client.setParametersCustomizer(form -> {
            // the platform knows the client by the assertion's iss and gives access tokens only
            form.remove(OAuth2ParameterNames.CLIENT_ID);
            form.remove(OAuth2ParameterNames.REQUESTED_TOKEN_TYPE);
            form.set(OAuth2ParameterNames.SUBJECT_TOKEN_TYPE, ID_TOKEN_TYPE);
        });
        return client;
    }

    ClientRegistration registration() {
        return registration;
    }

    /**
     * The person's e-RS access token for their CIS2 ID token.
     *
     * @throws org.springframework.security.oauth2.core.OAuth2AuthorizationException when the platform refuses
     *         the exchange or cannot be asked
     */
    OAuth2AuthorizedClient exchange(String userId, String idToken) {
        OAuth2Token subject = () -> idToken;
        return provider.authorize(OAuth2AuthorizationContext.withClientRegistration(registration)
                .principal(UsernamePasswordAuthenticationToken.unauthenticated(userId, null))
                .attribute(SUBJECT, subject)
                .build());
    }

    @Override
    public String toString() {
        return "ErsTokenExchange[tokenUrl=" + registration.getProviderDetails().getTokenUri() + "]";
    }
}
