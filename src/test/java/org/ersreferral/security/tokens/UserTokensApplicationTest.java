package org.ersreferral.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ersreferral.testsupport.RunningApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * In the application: Spring Security's client service is the database store, its table is created
 * with the application's others, and what a sign-in stores there is encrypted and goes at sign-out.
 */
class UserTokensApplicationTest extends RunningApplicationTest {

    @Autowired
    OAuth2AuthorizedClientService clientService;

    @Autowired
    UserErsTokens userErsTokens;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSignInIsStoredEncryptedAndGoesAtSignOut() {
        assertThat(clientService).isInstanceOf(DatabaseAuthorizedClientService.class);
        String user = "app-user-" + UUID.randomUUID().toString().substring(0, 8);
        String access = "app-access-" + UUID.randomUUID();
        String refresh = "app-refresh-" + UUID.randomUUID();
        ClientRegistration registration = ClientRegistration.withRegistrationId(UserErsTokens.REGISTRATION_ID)
                .clientId("ers-referral").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/login/oauth2/code/cis2")
                .authorizationUri("http://127.0.0.1:1/oauth2/authorize").tokenUri("http://127.0.0.1:1/oauth2/token").build();
        clientService.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, user,
                        new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, access, Instant.now(),
                                Instant.now().plusSeconds(600), Set.of("profile")),
                        new OAuth2RefreshToken(refresh, Instant.now())),
                UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));

        List<Map<String, Object>> rows = jdbc.queryForList("select * from user_ers_token where user_id = ?", user);
        assertThat(rows).hasSize(1);
        for (Object value : rows.get(0).values()) {
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value);
            assertThat(text).doesNotContain(access).doesNotContain(refresh);
        }

        userErsTokens.signOut(user);
        assertThat(jdbc.queryForObject("select count(*) from user_ers_token where user_id = ?", Integer.class, user)).isZero();
        assertThat(userErsTokens.current(user)).isEmpty();
    }
}
