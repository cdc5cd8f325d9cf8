package org.ersreferral.security.tokens;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signed-in users' OAuth2 tokens in the shared database, token values encrypted
 * ({@link TokenCipher}), so every node serves every user. Spring Security's {@code oauth2Login} keeps
 * the tokens it receives here. Each method runs in a transaction of its own: a caller's (a job's)
 * rollback must not undo a sign-in or a refresh whose old refresh token is already spent.
 */
@Component
public class DatabaseAuthorizedClientService implements OAuth2AuthorizedClientService {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAuthorizedClientService.class);
    static final String ACCESS_COLUMN = "access_token";
    static final String REFRESH_COLUMN = "refresh_token";

    private final EntityManager entityManager;
    private final TransactionTemplate ownTransaction;
    private final TokenCipher cipher;
    private final Supplier<ClientRegistrationRepository> registrations;
    private final Clock clock;

    @Autowired
    DatabaseAuthorizedClientService(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactions,
                                    TokenCipher cipher, ObjectProvider<ClientRegistrationRepository> registrations,
                                    ObjectProvider<ErsTokenExchange> exchange, Clock clock) {
        this(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory), transactions, cipher,
                () -> withExchanged(registrations.getIfAvailable(), exchange.getIfAvailable()), clock);
    }

    /** The sign-in's registrations and, in the separate sign-in pattern, the token exchange's, whose tokens are kept here too. */
    private static ClientRegistrationRepository withExchanged(ClientRegistrationRepository signIn, ErsTokenExchange exchange) {
        if (exchange == null) {
            return signIn;
        }
        return id -> ErsTokenExchange.REGISTRATION_ID.equals(id) ? exchange.registration()
                : signIn == null ? null : signIn.findByRegistrationId(id);
    }

    DatabaseAuthorizedClientService(EntityManager entityManager, PlatformTransactionManager transactions, TokenCipher cipher,
                                    Supplier<ClientRegistrationRepository> registrations, Clock clock) {
        this.entityManager = entityManager;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.cipher = cipher;
        this.registrations = registrations;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId, String principalName) {
        return (T) ownTransaction.execute(tx -> {
            UserTokenRecord record = entityManager.find(UserTokenRecord.class, new UserTokenRecord.Key(principalName,
                    clientRegistrationId));
            return record == null ? null : readable(record);
        });
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal) {
        UserTokenRecord.Key key = new UserTokenRecord.Key(principal.getName(),
                authorizedClient.getClientRegistration().getRegistrationId());
        ownTransaction.executeWithoutResult(tx -> {
            UserTokenRecord record = entityManager.find(UserTokenRecord.class, key, LockModeType.PESSIMISTIC_WRITE);
            if (record == null) {
                record = new UserTokenRecord(key);
                write(record, authorizedClient);
                entityManager.persist(record);
            } else {
                write(record, authorizedClient);
            }
        });
    }

    @Override
    public void removeAuthorizedClient(String clientRegistrationId, String principalName) {
        ownTransaction.executeWithoutResult(tx -> entityManager.createQuery(
                        "delete from UserTokenRecord r where r.id.userId = :user and r.id.registrationId = :registration")
                .setParameter("user", principalName).setParameter("registration", clientRegistrationId).executeUpdate());
    }

    /** Removes the user's tokens of every client registration. */
    void removeAll(String userId) {
        ownTransaction.executeWithoutResult(tx -> entityManager.createQuery(
                "delete from UserTokenRecord r where r.id.userId = :user").setParameter("user", userId).executeUpdate());
    }

    /**
     * Runs {@code work} on the user's row locked ({@code SELECT ... FOR UPDATE}) in a short transaction
     * of its own, so no other node reads it for a refresh until this one has stored what it got.
     * {@code work} gets null when the user has no tokens.
     */
    <T> T underLock(String userId, String registrationId, Function<Locked, T> work) {
        return ownTransaction.execute(tx -> {
            UserTokenRecord record = entityManager.find(UserTokenRecord.class,
                    new UserTokenRecord.Key(userId, registrationId), LockModeType.PESSIMISTIC_WRITE);
            return work.apply(record == null ? null : new Locked(record));
        });
    }

    /** The user's row as read under its lock. */
    final class Locked {

        private final UserTokenRecord record;

        private Locked(UserTokenRecord record) {
            this.record = record;
        }

        /** The tokens, or null when the row cannot be read (it is then deleted). */
        OAuth2AuthorizedClient client() {
            return readable(record);
        }

        void replace(OAuth2AuthorizedClient client) {
            write(record, client);
        }

        void delete() {
            entityManager.remove(record);
        }
    }

    /**
     * The row as Spring Security's client: null, and the row deleted, when it does not decrypt (another
     * key, another user's row, an altered value); null when its client registration is not configured.
     */
    private OAuth2AuthorizedClient readable(UserTokenRecord record) {
        ClientRegistrationRepository repository = registrations.get();
        ClientRegistration registration = repository == null ? null
                : repository.findByRegistrationId(record.id().registrationId());
        if (registration == null) {
            LOG.warn("Stored e-RS tokens of user {} belong to client registration '{}', which is not configured",
                    record.id().userId(), record.id().registrationId());
            return null;
        }
        TokenCipher.Owner owner = record.id().owner();
        try {
            OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                    cipher.open(record.accessToken(), owner, ACCESS_COLUMN), record.accessTokenIssuedAt(),
                    record.accessTokenExpiresAt(), scopes(record.scopes()));
            OAuth2RefreshToken refresh = record.refreshToken() == null ? null : new OAuth2RefreshToken(
                    cipher.open(record.refreshToken(), owner, REFRESH_COLUMN), record.refreshTokenIssuedAt(),
                    record.refreshTokenExpiresAt());
            return new OAuth2AuthorizedClient(registration, owner.userId(), access, refresh);
        } catch (TokenCipher.UnreadableToken unreadable) {
            LOG.warn("Deleted the stored e-RS tokens of user {}: they do not decrypt with the configured key for that user"
                    + " (another key or an altered row); the user signs in again", owner.userId());
            entityManager.remove(record);
            return null;
        }
    }

    private void write(UserTokenRecord record, OAuth2AuthorizedClient client) {
        TokenCipher.Owner owner = record.id().owner();
        OAuth2AccessToken access = client.getAccessToken();
        record.accessToken(cipher.seal(access.getTokenValue(), owner, ACCESS_COLUMN), access.getIssuedAt(),
                access.getExpiresAt(), String.join(" ", access.getScopes()));
        OAuth2RefreshToken refresh = client.getRefreshToken();
        if (refresh == null) {
            record.refreshToken(null, null, null);
        } else {
            record.refreshToken(cipher.seal(refresh.getTokenValue(), owner, REFRESH_COLUMN), refresh.getIssuedAt(),
                    refresh.getExpiresAt());
        }
        record.updatedAt(clock.instant());
    }

    private static Set<String> scopes(String stored) {
        return stored == null || stored.isBlank() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(stored.trim().split("\\s+")));
    }

    @Override
    public String toString() {
        return "DatabaseAuthorizedClientService[" + cipher + "]";
    }
}
