package org.ersreferral.simulator;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts e-RS's gate (counting, faults, token and role checks) in front of the simulated FHIR API,
 * and the host check in front of the whole simulator, ahead of any authentication.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSimulator
class SimulatorWebConfig implements WebMvcConfigurer {

    private final ErsGatekeeper gatekeeper;

    SimulatorWebConfig(ErsGatekeeper gatekeeper) {
        this.gatekeeper = gatekeeper;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(gatekeeper).addPathPatterns("/ers-sim/FHIR/**");
    }

    @Bean
    static FilterRegistrationBean<LocalCallersOnly> simulatorLocalCallersOnly(SimulatorProperties properties) {
        FilterRegistrationBean<LocalCallersOnly> registration =
                new FilterRegistrationBean<>(new LocalCallersOnly(properties.allowedHosts()));
        registration.setName("simulator-local-callers-only");
        registration.addUrlPatterns("/ers-sim", "/ers-sim/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
