package org.ersreferral.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.security.KeyPairGenerator;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.ersreferral.ers.ClientAssertion;
import org.ersreferral.ers.ErsProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * The separate pattern's renewal on the real store (H2), with CIS2's refresh and the platform's
 * exchange answering as each test says: the ID token of the refresh is what is exchanged, a rotated CIS2
 * refresh token is kept even when the exchange then fails, and refusals end the person's tokens.
 */
class SeparatePatternRenewalTest {

    private static final String USER = "555000000101";
    private static final Duration REFRESH_BEFORE = Duration.ofSeconds(60);

    private final List<String> refreshTokensSpent = new ArrayList<>();
    private final List<String> subjectsExchanged = new ArrayList<>();
    private Function<Integer, OAuth2AccessTokenResponse> cis2 = n -> refreshed(n, "id-token-" + n);
    private Function<String, OAuth2AccessTokenResponse> platform = subject -> OAuth2AccessTokenResponse
            .withToken("ers-for-" + subject).tokenType(OAuth2AccessToken.TokenType.BEARER).expiresIn(600).build();

    private HikariDataSource dataSource;
    private EntityManagerFactory entityManagerFactory;
    private DatabaseAuthorizedClientService store;
    private UserErsTokens tokens;
    private ClientRegistration cis2Registration;

    @BeforeEach
    void node() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:separate-renewal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(UserTokenRecord.class.getPackageName());
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "update"));
        factory.afterPropertiesSet();
        entityManagerFactory = factory.getObject();

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ErsProperties ers = new ErsProperties("http://127.0.0.1:1/FHIR", "R69", "REFERRING_CLINICIAN", null,
                ErsProperties.TRIAGE_CREATE_THEN_SEND, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofHours(1), 20, 3,
                new ErsProperties.Auth(ErsProperties.AUTH_CIS2, null, "api-key-1", "test-1", null, null, pem, null, null));
        ErsTokenExchange exchange = new ErsTokenExchange(ClientAssertion.fromProperties(ers, Clock.systemUTC(), "test"),
                (TokenExchangeGrantRequest request) -> {
                    subjectsExchanged.add(request.getSubjectToken().getTokenValue());
                    return platform.apply(request.getSubjectToken().getTokenValue());
                }, Clock.systemUTC());
        cis2Registration = ClientRegistration.withRegistrationId(UserErsTokens.REGISTRATION_ID)
                .clientId("ers-referral").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/login/oauth2/code/cis2")
                .authorizationUri("http://127.0.0.1:1/oauth2/authorize").tokenUri("http://127.0.0.1:1/oauth2/token").build();
        store = new DatabaseAuthorizedClientService(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
                new JpaTransactionManager(entityManagerFactory), TokenCipher.withRandomKey(),
                () -> id -> UserErsTokens.REGISTRATION_ID.equals(id) ? cis2Registration
                        : ErsTokenExchange.REGISTRATION_ID.equals(id) ? exchange.registration() : null, Clock.systemUTC());
        tokens = new UserErsTokens(store, REFRESH_BEFORE, Clock.systemUTC(), (OAuth2RefreshTokenGrantRequest request) -> {
            refreshTokensSpent.add(request.getRefreshToken().getTokenValue());
            return cis2.apply(refreshTokensSpent.size());
        }, exchange);

        // signed in: CIS2's tokens, and the e-RS token exchanged then
        store.saveAuthorizedClient(new OAuth2AuthorizedClient(cis2Registration, USER, access("cis2-access-0", 600),
                new OAuth2RefreshToken("cis2-refresh-0", Instant.now())), person());
        store.saveAuthorizedClient(exchange.exchange(USER, "id-token-0"), person());
        subjectsExchanged.clear();
    }

    @AfterEach
    void close() {
        entityManagerFactory.close();
        dataSource.close();
    }

    @Test
    void aCurrentTokenIsHandedOutWithoutAskingAnyone() {
        assertThat(tokens.current(USER)).hasValueSatisfying(token -> assertThat(token.value()).isEqualTo("ers-for-id-token-0"));
        assertThat(refreshTokensSpent).isEmpty();
        assertThat(subjectsExchanged).isEmpty();
    }

    @Test
    void aDueTokenIsExchangedAgainForTheIdTokenOfACis2RefreshEvenWhileTheCis2AccessTokenIsNotDue() {
        due(ErsTokenExchange.REGISTRATION_ID, 30);

        assertThat(tokens.current(USER)).hasValueSatisfying(token -> assertThat(token.value()).isEqualTo("ers-for-id-token-1"));
        assertThat(refreshTokensSpent).containsExactly("cis2-refresh-0");
        assertThat(subjectsExchanged).containsExactly("id-token-1");
        assertThat(cis2Row().getRefreshToken().getTokenValue()).isEqualTo("cis2-refresh-1");
        assertThat(tokens.current(USER)).hasValueSatisfying(token -> assertThat(token.value()).isEqualTo("ers-for-id-token-1"));
        assertThat(refreshTokensSpent).as("stored, not renewed twice").hasSize(1);
    }

    @Test
    void anExchangeThatCannotBeMadeKeepsTheRotatedCis2RefreshTokenAndTheStillValidToken() {
        platform = subject -> {
            throw new OAuth2AuthorizationException(new OAuth2Error("server_error"));
        };
        due(ErsTokenExchange.REGISTRATION_ID, 30);

        assertThat(tokens.current(USER)).as("used until it expires")
                .hasValueSatisfying(token -> assertThat(token.value()).isEqualTo("ers-for-id-token-0"));
        assertThat(cis2Row().getRefreshToken().getTokenValue()).as("the rotated one, not rolled back").isEqualTo("cis2-refresh-1");

        due(ErsTokenExchange.REGISTRATION_ID, -1);
        assertThatThrownBy(() -> tokens.current(USER)).isInstanceOf(UserErsTokens.RefreshUnavailable.class)
                .hasMessageNotContaining("id-token").hasMessageNotContaining("refresh-");
        assertThat(refreshTokensSpent).containsExactly("cis2-refresh-0", "cis2-refresh-1");
        assertThat(cis2Row().getRefreshToken().getTokenValue()).isEqualTo("cis2-refresh-2");
    }

    @Test
    void anIdTokenThePlatformRefusesEndsThePersonsTokens() {
        platform = subject -> {
            throw new OAuth2AuthorizationException(new OAuth2Error("invalid_grant"));
        };
        due(ErsTokenExchange.REGISTRATION_ID, 30);

        assertThat(tokens.current(USER)).isEmpty();
        assertThat(rows()).isZero();
    }

    @Test
    void aRefusedCis2RefreshEndsThePersonsTokensWithoutAnExchange() {
        cis2 = n -> {
            throw new OAuth2AuthorizationException(new OAuth2Error("invalid_grant"));
        };
        due(ErsTokenExchange.REGISTRATION_ID, 30);

        assertThat(tokens.current(USER)).isEmpty();
        assertThat(subjectsExchanged).isEmpty();
        assertThat(rows()).isZero();
    }

    @Test
    void aCis2RefreshWithoutAnIdTokenEndsThePersonsTokens() {
        cis2 = n -> refreshed(n, null);
        due(ErsTokenExchange.REGISTRATION_ID, 30);

        assertThat(tokens.current(USER)).isEmpty();
        assertThat(subjectsExchanged).isEmpty();
        assertThat(rows()).isZero();
    }

    private static OAuth2AccessTokenResponse refreshed(int n, String idToken) {
        OAuth2AccessTokenResponse.Builder response = OAuth2AccessTokenResponse.withToken("cis2-access-" + n)
                .tokenType(OAuth2AccessToken.TokenType.BEARER).expiresIn(600).refreshToken("cis2-refresh-" + n);
        return idToken == null ? response.build() : response.additionalParameters(Map.of("id_token", idToken)).build();
    }

    private void due(String registrationId, int secondsLeft) {
        new JdbcTemplate(dataSource).update("update user_ers_token set access_token_issued_at = ?, access_token_expires_at = ?"
                + " where user_id = ? and registration_id = ?", Timestamp.from(Instant.now().minusSeconds(600)),
                Timestamp.from(Instant.now().plusSeconds(secondsLeft)), USER, registrationId);
    }

    private OAuth2AuthorizedClient cis2Row() {
        return store.loadAuthorizedClient(UserErsTokens.REGISTRATION_ID, USER);
    }

    private int rows() {
        return new JdbcTemplate(dataSource).queryForObject("select count(*) from user_ers_token", Integer.class);
    }

    private static OAuth2AccessToken access(String value, int seconds) {
        return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, Instant.now(), Instant.now().plusSeconds(seconds));
    }

    private static UsernamePasswordAuthenticationToken person() {
        return UsernamePasswordAuthenticationToken.authenticated(USER, null, List.of());
    }
}
