package org.ersreferral.security;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.ersreferral.security.GroupBasicAuthFilter.Rule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call what over HTTP. People sign in to the Camunda webapps and the analyst page with
 * OpenID Connect while sign-in is on ({@code signin.SignInConfig}; otherwise the webapps keep their
 * own login). On the APIs and {@code /engine-rest} machine clients use bearer tokens
 * ({@code machine.MachineClientSecurity}); HTTP basic authentication is for demo mode only. The
 * application's APIs also take a signed-in browser session; each needs a group, and on
 * {@code /engine-rest} the engine then applies its authorizations.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

    /** Machine clients' bearer tokens; basic authentication in demo mode only. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(SecurityProperties properties,
                                                                                       ObjectProvider<DemoErsSignIn> demoErs) {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new EngineRestCallers.Filter(new EngineRestCallers(properties.demoUsersEnabled(), demoErs(demoErs))));
        registration.setName("engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(10);
        return registration;
    }

    /**
     * A referral's timeline is history for analysts; the rest of the referral API is the coordinators' work.
     * Machine clients' bearer tokens; basic authentication in demo mode only (as on the analytics API).
     */
    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> referralApiAuthentication(IdentityService identityService,
                                                                          SecurityProperties properties,
                                                                          ObjectProvider<DemoErsSignIn> demoErs) {
        return groupFilter("referral-api-authentication", identityService, properties.demoUsersEnabled(), demoErs(demoErs), List.of(
                        Rule.of("/api/referrals/{requestId}/timeline", Set.of(AccessGroups.ANALYSTS, AccessGroups.ADMINS)),
                        Rule.of("/api/referrals/**", Set.of(AccessGroups.COORDINATORS, AccessGroups.ADMINS))),
                "/api/referrals", "/api/referrals/*");
    }

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> analyticsApiAuthentication(IdentityService identityService,
                                                                           SecurityProperties properties) {
        return groupFilter("analytics-api-authentication", identityService, properties.demoUsersEnabled(),
                GroupBasicAuthFilter.NO_DEMO_ERS, List.of(Rule.of("/api/analytics/**", Set.of(AccessGroups.ANALYSTS, AccessGroups.ADMINS))), "/api/analytics/*");
    }

    /** The analyst page and its scripts: the browser's basic-auth sign-in then authorises the page's API calls too. */
    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> analyticsPageAuthentication(IdentityService identityService) {
        return groupFilter("analytics-page-authentication", identityService,
                List.of(Rule.of("/analytics/**", Set.of(AccessGroups.ANALYSTS, AccessGroups.ADMINS))), "/analytics", "/analytics/*");
    }

    /** The coordinators' "My referrals" page and its scripts; its API calls meet the referral API's own filter. */
    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> myReferralsPageAuthentication(IdentityService identityService) {
        return groupFilter("my-referrals-page-authentication", identityService,
                List.of(Rule.of("/my-referrals/**", Set.of(AccessGroups.COORDINATORS, AccessGroups.ADMINS))),
                "/my-referrals", "/my-referrals/*");
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
                List.of(Rule.of(ActuatorAccessFilter.PREFIX + "/**", Set.of(AccessGroups.ADMINS))), Problems.REALM);
        FilterRegistrationBean<ActuatorAccessFilter> registration =
                new FilterRegistrationBean<>(new ActuatorAccessFilter(monitoring, loginThrottle.throttle(), administrators));
        registration.setName("actuator-authentication");
        registration.addUrlPatterns(ActuatorAccessFilter.PREFIX, ActuatorAccessFilter.PREFIX + "/*");
        registration.setOrder(11);
        return registration;
    }

    /**
     * Demo mode's e-RS sign-in for password users, looked up when one authenticates: it needs the
     * e-RS client, which these filters must not wait for at start-up.
     */
    private static DemoErsSignIn demoErs(ObjectProvider<DemoErsSignIn> demoErs) {
        return userId -> demoErs.ifAvailable(signIn -> signIn.signedInWithPassword(userId));
    }

    /** {@code urlPatterns} choose the requests the filter sees; its rules decide who may make them. */
    private static FilterRegistrationBean<GroupBasicAuthFilter> groupFilter(String name, IdentityService identityService,
                                                                           List<Rule> rules, String... urlPatterns) {
        return groupFilter(name, identityService, true, GroupBasicAuthFilter.NO_DEMO_ERS, rules, urlPatterns);
    }

    private static FilterRegistrationBean<GroupBasicAuthFilter> groupFilter(String name, IdentityService identityService,
                                                                           boolean basicAllowed, DemoErsSignIn demoErs,
                                                                           List<Rule> rules, String... urlPatterns) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new GroupBasicAuthFilter(identityService, rules, Problems.REALM, basicAllowed, demoErs));
        registration.setName(name);
        registration.addUrlPatterns(urlPatterns);
        registration.setOrder(11);
        return registration;
    }
}
