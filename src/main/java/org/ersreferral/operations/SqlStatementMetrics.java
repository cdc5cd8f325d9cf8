package org.ersreferral.operations;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * SQL statements the engine's pool ({@code spring.datasource}: engine, application tables, referral
 * steps) sends to the database, as the counter {@code referral.sql.statements} tagged
 * {@code kind=single} or {@code kind=batched} (one per statement of a JDBC batch). The count is taken
 * on the pool's physical connections, below the pool, so the bean stays the pool itself (its metrics
 * and the pool size check see it as before). The simulator's own pool is not counted.
 */
@Configuration(proxyBeanMethods = false)
class SqlStatementMetrics {

    static final String COUNTER = "referral.sql.statements";
    /** The engine pool's bean, as Spring Boot names it. */
    private static final String ENGINE_POOL = "dataSource";

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static StatementCountingDataSource.Counts sqlStatementCounts() {
        return new StatementCountingDataSource.Counts();
    }

    @Bean
    static BeanPostProcessor engineStatementCounting(StatementCountingDataSource.Counts counts) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (ENGINE_POOL.equals(beanName) && bean instanceof HikariDataSource pool && pool.getDataSource() == null
                        && pool.getJdbcUrl() != null) {
                    // What the pool would connect through by itself, with the count in between.
                    pool.setDataSource(new StatementCountingDataSource(new DriverDataSource(pool.getJdbcUrl(),
                            pool.getDriverClassName(), pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword()),
                            counts));
                }
                return bean;
            }
        };
    }

    @Bean
    MeterBinder sqlStatementCounter(StatementCountingDataSource.Counts counts) {
        return registry -> {
            FunctionCounter.builder(COUNTER, counts, StatementCountingDataSource.Counts::single)
                    .description("SQL statements executed on the engine's database pool").tag("kind", "single")
                    .register(registry);
            FunctionCounter.builder(COUNTER, counts, StatementCountingDataSource.Counts::batched)
                    .description("SQL statements executed on the engine's database pool").tag("kind", "batched")
                    .register(registry);
        };
    }
}
