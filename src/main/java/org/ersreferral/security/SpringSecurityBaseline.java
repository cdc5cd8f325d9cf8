package org.ersreferral.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The last of the Spring Security chains, for what the sign-in chain ({@code signin.SignInConfig})
 * and the simulator's authorization server leave (and for everything when sign-in is off). Without
 * it, Spring Boot would put every request behind a form login with a generated password. Who may
 * call these is decided by the filters of {@link WebSecurityConfig} and {@link EdgeFilterConfig},
 * so this chain adds nothing: no session, no CSRF or header handling of its own (the edge filters
 * do both).
 */
@Configuration(proxyBeanMethods = false)
class SpringSecurityBaseline {

    @Bean
    SecurityFilterChain applicationFilters(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }
}
