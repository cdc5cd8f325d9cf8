package org.ersreferral.simulator;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts e-RS's gate (counting, faults, token and role checks) in front of the simulated FHIR API. */
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
}
