package org.ersreferral.security;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.ersreferral.security.GroupBasicAuthFilter.Rule;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /api/tasks/...} is coordinators' work done from Tasklist: the browser's signed-in session,
 * or basic authentication in demo mode (scripts, tests), for coordinators and admins only. Which
 * tasks a caller may ask about is the endpoint's business (their own, of their organisations).
 */
@Configuration(proxyBeanMethods = false)
class TaskApiAuthentication {

    @Bean
    FilterRegistrationBean<GroupBasicAuthFilter> taskApiAuthenticationFilter(IdentityService identityService,
                                                                             SecurityProperties properties) {
        FilterRegistrationBean<GroupBasicAuthFilter> registration = new FilterRegistrationBean<>(new GroupBasicAuthFilter(
                identityService, List.of(Rule.of("/api/tasks/**", Set.of(AccessGroups.COORDINATORS, AccessGroups.ADMINS))),
                Problems.REALM, properties.demoUsersEnabled()));
        registration.setName("task-api-authentication");
        registration.addUrlPatterns("/api/tasks/*");
        registration.setOrder(11);
        return registration;
    }
}
