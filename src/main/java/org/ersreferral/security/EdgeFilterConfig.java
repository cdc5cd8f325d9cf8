package org.ersreferral.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The filters in front of everything, in this order: security headers (so that refusals carry them
 * too), plain paths only, bounded bodies, no cross-site state changes; then the authentication
 * filters of {@link WebSecurityConfig}; then, on {@code /engine-rest}, what non-administrators may call.
 */
@Configuration(proxyBeanMethods = false)
class EdgeFilterConfig {

    /** After the engine's basic authentication on /engine-rest (order 10), which sets the authenticated user. */
    static final int ENGINE_REST_ACCESS_ORDER = 12;

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders() {
        return everywhere(new SecurityHeadersFilter(), "security-headers", Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalPaths() {
        return everywhere(new CanonicalPathFilter(), "canonical-paths", Ordered.HIGHEST_PRECEDENCE + 1);
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizes(EdgeProperties properties) {
        return everywhere(new RequestSizeFilter(properties.maxBodySize(), properties.maxUploadBodySize()), "request-sizes",
                Ordered.HIGHEST_PRECEDENCE + 2);
    }

    @Bean
    FilterRegistrationBean<CrossSiteRequestFilter> crossSiteRequests(EdgeProperties properties) {
        return everywhere(new CrossSiteRequestFilter(properties.allowedOrigins()), "cross-site-requests",
                Ordered.HIGHEST_PRECEDENCE + 3);
    }

    @Bean
    FilterRegistrationBean<EngineRestAccessFilter> engineRestAccess(IdentityService identityService) {
        FilterRegistrationBean<EngineRestAccessFilter> registration =
                new FilterRegistrationBean<>(new EngineRestAccessFilter(identityService));
        registration.setName("engine-rest-access");
        registration.addUrlPatterns(EngineRestAccessFilter.PREFIX + "/*");
        registration.setOrder(ENGINE_REST_ACCESS_ORDER);
        return registration;
    }

    private static <F extends Filter> FilterRegistrationBean<F> everywhere(F filter, String name, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(order);
        return registration;
    }
}
