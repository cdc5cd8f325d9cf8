package org.ersreferral.simulator;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateProperties;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateSettings;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.orm.jpa.EntityManagerFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The simulator's own connection pool, persistence unit and transactions, on the application's
 * database. A process step holds an engine connection while it calls e-RS; when e-RS is this
 * simulator, the simulator's request must not wait for a connection from that same pool, or a burst
 * of steps starves it (every engine connection held by a step waiting on the simulator). The beans are
 * no default candidates, so the engine, the application and Spring Boot's auto-configuration see only
 * the application's own DataSource, EntityManagerFactory and transaction manager.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
@EnableJpaRepositories(basePackageClasses = SimulatorPersistence.class,
        entityManagerFactoryRef = SimulatorPersistence.ENTITY_MANAGER_FACTORY,
        transactionManagerRef = SimulatorPersistence.TRANSACTION_MANAGER)
class SimulatorPersistence {

    static final String DATA_SOURCE = "simulatorDataSource";
    static final String ENTITY_MANAGER_FACTORY = "simulatorEntityManagerFactory";
    static final String TRANSACTION_MANAGER = "simulatorTransactionManager";
    static final String POOL_NAME = "ers-simulator";

    /** Same database and credentials as the application, a separate small pool. */
    @Bean(name = DATA_SOURCE, defaultCandidate = false)
    @Qualifier(DATA_SOURCE)
    HikariDataSource simulatorDataSource(DataSourceProperties database,
                                         @Value("${ers.simulator.database-pool-size:5}") int poolSize) {
        HikariDataSource dataSource = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        dataSource.setPoolName(POOL_NAME);
        dataSource.setMaximumPoolSize(poolSize);
        dataSource.setMinimumIdle(Math.min(1, poolSize));
        return dataSource;
    }

    @Bean(name = ENTITY_MANAGER_FACTORY, defaultCandidate = false)
    @Qualifier(ENTITY_MANAGER_FACTORY)
    LocalContainerEntityManagerFactoryBean simulatorEntityManagerFactory(EntityManagerFactoryBuilder builder,
            @Qualifier(DATA_SOURCE) HikariDataSource dataSource, JpaProperties jpa, HibernateProperties hibernate) {
        // The application's spring.jpa.* settings (schema update, naming) apply to the simulator's tables too.
        return builder.dataSource(dataSource)
                .packages(SimulatorPersistence.class)
                .persistenceUnit("ers-simulator")
                .properties(hibernate.determineHibernateProperties(jpa.getProperties(), new HibernateSettings()))
                .build();
    }

    @Bean(name = TRANSACTION_MANAGER, defaultCandidate = false)
    @Qualifier(TRANSACTION_MANAGER)
    JpaTransactionManager simulatorTransactionManager(@Qualifier(ENTITY_MANAGER_FACTORY) EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
