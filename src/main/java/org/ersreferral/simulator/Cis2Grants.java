package org.ersreferral.simulator;

import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * What the simulated CIS2 grants with: the application's registered client, the token generator
 * and the store of authorizations, one set shared by its HTTP endpoints and
 * {@link #signIn the in-process sign-in of a demo user}, so a token issued either way is refreshed,
 * revoked and recognised alike.
 */
final class Cis2Grants {

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final RegisteredClient client;
    private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
    private final OAuth2AuthorizationService authorizations;

    Cis2Grants(RegisteredClient client, OAuth2TokenGenerator<? extends OAuth2Token> tokens,
               OAuth2AuthorizationService authorizations) {
        this.client = client;
        this.tokens = tokens;
        this.authorizations = authorizations;
    }

    RegisteredClient client() {
        return client;
    }

    OAuth2TokenGenerator<? extends OAuth2Token> tokens() {
        return tokens;
    }

    /**
     * The authorization a smartcard user's completed sign-in gives (authorization code grant): an
     * access token, a refresh token and, with {@code openid}, an ID token, made and stored as the
     * token endpoint makes and stores them, with no browser and no code in between.
     *
     * @param issuer the issuer as the application reaches it (its token endpoint refreshes later)
     */
    OAuth2Authorization signIn(SmartcardUsers.User user, Set<String> scopes, String issuer) {
        Set<String> granted = scopes.stream().filter(client.getScopes()::contains)
                .collect(Collectors.toUnmodifiableSet());
        Authentication principal = UsernamePasswordAuthenticationToken.authenticated(user.userId(), null,
                AuthorityUtils.createAuthorityList("ROLE_CIS2_USER"));
        String redirectUri = issuer.substring(0, issuer.length() - Cis2AuthorizationServer.ISSUER_PATH.length())
                + client.getRedirectUris().iterator().next();
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(issuer + "/oauth2/authorize")
                .clientId(client.getClientId())
                .redirectUri(redirectUri)
                .scopes(granted)
                .state(AccessTokens.random())
                .build();
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
                .principalName(user.userId())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(granted)
                .attribute(Principal.class.getName(), principal)
                .attribute(OAuth2AuthorizationRequest.class.getName(), request);
        AuthorizationServerContext server = new AuthorizationServerContext() {
            @Override
            public String getIssuer() {
                return issuer;
            }

            @Override
            public AuthorizationServerSettings getAuthorizationServerSettings() {
                return AuthorizationServerSettings.builder().multipleIssuersAllowed(true).build();
            }
        };
        // the grant as the token endpoint sees it: a code presented by the client, authenticated with its secret
        OAuth2ClientAuthenticationToken clientAuthenticated = new OAuth2ClientAuthenticationToken(client,
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null);
        OAuth2AuthorizationCodeAuthenticationToken grant = new OAuth2AuthorizationCodeAuthenticationToken(
                AccessTokens.random(), clientAuthenticated, redirectUri, Map.of());
        DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
                .registeredClient(client)
                .principal(principal)
                .authorizationServerContext(server)
                .authorization(authorization.build())
                .authorizedScopes(granted)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrant(grant);

        OAuth2TokenContext accessContext = context.tokenType(OAuth2TokenType.ACCESS_TOKEN).build();
        OAuth2Token access = generate(accessContext, "access");
        authorization.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access.getTokenValue(),
                access.getIssuedAt(), access.getExpiresAt(), granted), metadata -> {
            if (access instanceof ClaimAccessor claims) {
                metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims());
            }
            metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, false);
            metadata.put(OAuth2TokenFormat.class.getName(), client.getTokenSettings().getAccessTokenFormat().getValue());
        });

        OAuth2Token refresh = generate(context.tokenType(OAuth2TokenType.REFRESH_TOKEN).build(), "refresh");
        authorization.refreshToken(refresh instanceof OAuth2RefreshToken token ? token
                : new OAuth2RefreshToken(refresh.getTokenValue(), refresh.getIssuedAt(), refresh.getExpiresAt()));

        if (granted.contains(OidcScopes.OPENID)) {
            // the refresh grant reads the first ID token (and the OIDC endpoints want it), as after a browser sign-in
            OAuth2Token id = generate(context.tokenType(ID_TOKEN).authorization(authorization.build()).build(), "ID");
            Map<String, Object> claims = ((Jwt) id).getClaims();
            OidcIdToken idToken = new OidcIdToken(id.getTokenValue(), id.getIssuedAt(), id.getExpiresAt(), claims);
            authorization.token(idToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims));
        }
        OAuth2Authorization done = authorization.build();
        authorizations.save(done);
        return done;
    }

    private OAuth2Token generate(OAuth2TokenContext context, String what) {
        OAuth2Token token = tokens.generate(context);
        if (token == null) {
            throw new IllegalStateException("The simulated CIS2 made no " + what + " token");
        }
        return token;
    }
}
