package org.ersreferral.security.signin;

import java.util.Map;
import java.util.function.IntSupplier;
import org.ersreferral.security.EmbeddedCis2Client;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The one client registration, {@value #REGISTRATION_ID}, made when the first person signs in rather
 * than at start-up: the embedded simulator's address is the application's own, whose port is known
 * only once the server runs, and a real provider need not be reachable for the application to start.
 */
class SignInRegistrations implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "cis2";
    /** Spring Security's path that starts signing in with the registration. */
    static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;
    static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

    private final SignInProperties properties;
    private final EmbeddedCis2Client embedded;
    private final IntSupplier serverPort;
    private volatile ClientRegistration registration;

    /**
     * @param embedded   the simulator's client; null when it does not run
     * @param serverPort the port the application listens on, asked for once the first person signs in
     */
    SignInRegistrations(SignInProperties properties, EmbeddedCis2Client embedded, IntSupplier serverPort) {
        this.properties = properties;
        this.embedded = embedded;
        this.serverPort = serverPort;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration;
        if (known == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = build();
                }
                known = registration;
            }
        }
        return known;
    }

    /** The application's own base address as it calls itself: where the embedded simulator's issuer lives. */
    String localBaseUrl() {
        return "http://localhost:" + serverPort.getAsInt();
    }

    boolean embedded() {
        return properties.embedded();
    }

    private ClientRegistration build() {
        if (properties.embedded()) {
            if (embedded == null) {
                throw new IllegalStateException("ers.sign-in.issuer is blank and the embedded simulator does not run:"
                        + " set ERS_SIGN_IN_ISSUER to the provider's issuer");
            }
            String issuer = embedded.issuer(localBaseUrl());
            return ClientRegistration.withRegistrationId(REGISTRATION_ID)
                    .clientId(embedded.clientId())
                    .clientSecret(embedded.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(REDIRECT_URI)
                    .scope(properties.scopes())
                    .issuerUri(issuer)
                    .authorizationUri(issuer + "/oauth2/authorize")
                    .tokenUri(issuer + "/oauth2/token")
                    .jwkSetUri(issuer + "/oauth2/jwks")
                    .userInfoUri(issuer + "/userinfo")
                    .userNameAttributeName(IdTokenClaimNames.SUB)
                    .providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/connect/logout"))
                    .clientName("NHS CIS2 (simulated)")
                    .build();
        }
        ClientRegistration.Builder builder;
        if (properties.endpointsGiven()) {
            builder = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                    .issuerUri(properties.issuer().trim())
                    .authorizationUri(properties.authorizationUri().trim())
                    .tokenUri(properties.tokenUri().trim())
                    .jwkSetUri(properties.jwkSetUri().trim())
                    .userNameAttributeName(IdTokenClaimNames.SUB);
        } else {
            // The provider's discovery document, read now (first sign-in), not at start-up.
            builder = ClientRegistrations.fromIssuerLocation(properties.issuer().trim()).registrationId(REGISTRATION_ID);
        }
        if (SignInProperties.given(properties.endSessionUri())) {
            builder.providerConfigurationMetadata(Map.of("end_session_endpoint", properties.endSessionUri().trim()));
        }
        return builder
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT_URI)
                .scope(properties.scopes())
                .clientName("NHS CIS2")
                .build();
    }
}
