package org.ersreferral.security.tokens;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * One node's token store and {@link UserErsTokens}: a connection pool of its own, JPA as the
 * application configures it (the table created by Hibernate's schema update), its own clock.
 * Two of them on one database are two nodes of a cluster.
 */
final class TokenStoreNode implements AutoCloseable {

    final DatabaseAuthorizedClientService store;
    final UserErsTokens tokens;
    private final HikariDataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;

    TokenStoreNode(String url, String user, TokenCipher cipher, ClientRegistration registration, Clock clock,
                   Duration refreshBefore) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword("");
        dataSource.setMaximumPoolSize(4);
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(UserTokenRecord.class.getPackageName());
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "update"));
        factory.afterPropertiesSet();
        entityManagerFactory = factory.getObject();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        store = new DatabaseAuthorizedClientService(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
                new JpaTransactionManager(entityManagerFactory), cipher, () -> registrations, clock);
        tokens = new UserErsTokens(store, refreshBefore, clock,
                UserErsTokens.tokenEndpointClient(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    /** Every value of every row of the table, as the database holds it. */
    List<Object> tableDump() {
        List<Object> values = new ArrayList<>();
        new JdbcTemplate(dataSource).query("select * from user_ers_token", row -> {
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                values.add(row.getObject(column));
            }
        });
        return values;
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        entityManagerFactory.close();
        dataSource.close();
    }
}
