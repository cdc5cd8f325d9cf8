package org.ersreferral.security;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.ersreferral.security.GroupBasicAuthFilter.Rule;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call what over HTTP. People sign in to the Camunda webapps and the analyst page with
 * OpenID Connect while sign-in is on ({@code signin.SignInConfig}; otherwise the webapps keep their
 * own login); {@code /engine-rest} needs HTTP basic authentication (the engine then applies its
 * authorizations); the application's APIs need basic authentication, or a signed-in browser
 * session, and a group.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-basic-authentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(10);
        return registration;
    }

    /** A referral's timeline is history for analysts; the rest of the referral API is the coordinators' work. */
    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> referralApiAuthentication(IdentityService identityService) {
        return groupFilter("referral-api-authentication", identityService, List.of(
                        Rule.of("/api/referrals/{requestId}/timeline", Set.of(AccessGroups.ANALYSTS, AccessGroups.ADMINS)),
                        Rule.of("/api/referrals/**", Set.of(AccessGroups.COORDINATORS, AccessGroups.ADMINS))),
                "/api/referrals", "/api/referrals/*");
    }

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> analyticsApiAuthentication(IdentityService identityService) {
        return groupFilter("analytics-api-authentication", identityService,
                List.of(Rule.of("/api/analytics/**", Set.of(AccessGroups.ANALYSTS, AccessGroups.ADMINS))), "/api/analytics/*");
    }

    /** The analyst page and its scripts: the browser's basic-auth sign-in then authorises the page's API calls too. */
    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> analyticsPageAuthentication(IdentityService identityService) {
        return groupFilter("analytics-page-authentication", identityService,
                List.of(Rule.of("/analytics/**", Set.of(AccessGroups.ANALYSTS, AccessGroups.ADMINS))), "/analytics", "/analytics/*");
    }

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> simulatorAdminAuthentication(IdentityService identityService) {
        return groupFilter("simulator-admin-authentication", identityService,
                List.of(Rule.of("/ers-sim/admin/**", Set.of(AccessGroups.ADMINS))), "/ers-sim/admin/*");
    }

    /**
     * Actuator: the liveness and readiness probes open, answering a status only; metrics and full
     * health for the monitoring credential or {@code camunda-admin}.
     */
    @Bean
    FilterRegistrationBean<ActuatorAccessFilter> actuatorAuthentication(IdentityService identityService,
                                                                        MonitoringProperties monitoring,
                                                                        LoginThrottlePlugin loginThrottle) {
        GroupBasicAuthFilter administrators = new GroupBasicAuthFilter(identityService,
                List.of(Rule.of(ActuatorAccessFilter.PREFIX + "/**", Set.of(AccessGroups.ADMINS))), "ers-referral");
        FilterRegistrationBean<ActuatorAccessFilter> registration =
                new FilterRegistrationBean<>(new ActuatorAccessFilter(monitoring, loginThrottle.throttle(), administrators));
        registration.setName("actuator-authentication");
        registration.addUrlPatterns(ActuatorAccessFilter.PREFIX, ActuatorAccessFilter.PREFIX + "/*");
        registration.setOrder(11);
        return registration;
    }

    /** {@code urlPatterns} choose the requests the filter sees; its rules decide who may make them. */
    private static FilterRegistrationBean<GroupBasicAuthFilter> groupFilter(String name, IdentityService identityService,
                                                                           List<Rule> rules, String... urlPatterns) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration =
                new FilterRegistrationBean<>(new GroupBasicAuthFilter(identityService, rules, "ers-referral"));
        registration.setName(name);
        registration.addUrlPatterns(urlPatterns);
        registration.setOrder(11);
        return registration;
    }
}
