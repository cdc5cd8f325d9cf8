package org.ersreferral.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link ThrottledIdentityProvider} in place of the engine's identity provider, and switches
 * off the engine's own lock and delay (which it no longer consults), so the user records say so too.
 */
@Configuration(proxyBeanMethods = false)
class LoginThrottlePlugin extends AbstractProcessEnginePlugin {

    private final LoginThrottle throttle;

    LoginThrottlePlugin(SecurityProperties properties) {
        this.throttle = new LoginThrottle(properties.login());
    }

    /** The one throttle, for password checks made outside the engine (the monitoring credential). */
    LoginThrottle throttle() {
        return throttle;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return ThrottledIdentityProvider.class;
            }

            @Override
            public Session openSession() {
                return new ThrottledIdentityProvider(throttle);
            }
        });
        configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
        configuration.setLoginDelayBase(0);
        configuration.setLoginDelayFactor(0);
        configuration.setLoginDelayMaxTime(0);
    }

    /** Before every other filter, so every password check of a request knows where it comes from. */
    @Bean
    static FilterRegistrationBean<ClientAddress> clientAddress() {
        FilterRegistrationBean<ClientAddress> registration = new FilterRegistrationBean<>(new ClientAddress());
        registration.setName("client-address");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
