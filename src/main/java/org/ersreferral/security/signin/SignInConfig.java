package org.ersreferral.security.signin;

import jakarta.servlet.http.HttpServletRequest;
import org.ersreferral.ers.ErsClient;
import org.ersreferral.ers.ErsProperties;
import org.ersreferral.security.EmbeddedCis2Client;
import org.ersreferral.security.acting.ErsRoleChoices;
import org.ersreferral.security.tokens.UserErsTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.DefaultLoginPageConfigurer;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * People sign in with OpenID Connect (authorization code with PKCE, registration {@code cis2}) to
 * use the Camunda webapps and the application's pages; the webapps' own password form is closed.
 * The application's APIs and {@code /engine-rest} keep their filters (basic authentication in demo
 * mode), and so does a script reading the analyst page with basic credentials; an API call from a
 * signed-in browser page is let through by those filters with the signed-in person's groups. Signing out ends the session here and, through the provider's
 * end-session endpoint, there.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SignInOn.class)
@EnableConfigurationProperties(SignInProperties.class)
class SignInConfig {

    /** The session attributes of this chain, apart from those of the simulator's provider in the same application. */
    static final String SECURITY_CONTEXT_ATTRIBUTE = "ERS_REFERRAL_SIGNED_IN";
    static final String SAVED_REQUEST_ATTRIBUTE = "ERS_REFERRAL_PAGE_BEFORE_SIGN_IN";

    static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/*/login/*";

    @Bean
    SignInRegistrations signInRegistrations(SignInProperties properties, ObjectProvider<EmbeddedCis2Client> embedded,
                                            WebServerApplicationContext server) {
        return new SignInRegistrations(properties, embedded.getIfAvailable(), () -> server.getWebServer().getPort());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain signInFilters(HttpSecurity http, SignInRegistrations registrations, SignInProperties properties,
                                      UserErsTokens ersTokens, ErsRoles ersRoles) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        // The simulator's own paths, /engine-rest and the actuator keep their filters alone.
        RequestMatcher elsewhere = new OrRequestMatcher(paths.matcher("/ers-sim/**"), paths.matcher("/engine-rest/**"),
                paths.matcher("/engine-rest"), paths.matcher("/actuator/**"), paths.matcher("/actuator"));
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(SECURITY_CONTEXT_ATTRIBUTE);
        HttpSessionRequestCache pages = pagesBeforeSignIn();
        SavedRequestAwareAuthenticationSuccessHandler toPageAsked = new SavedRequestAwareAuthenticationSuccessHandler();
        toPageAsked.setRequestCache(pages);
        RequestMatcher analystPage = new OrRequestMatcher(paths.matcher("/analytics"), paths.matcher("/analytics/**"));
        RequestMatcher myReferralsPage = new OrRequestMatcher(paths.matcher("/my-referrals"), paths.matcher("/my-referrals/**"));
        LoginUrlAuthenticationEntryPoint toSignIn = new LoginUrlAuthenticationEntryPoint(SignInRegistrations.SIGN_IN_PATH);
        // No generated /login and /logout pages: signing in goes straight to the provider, signing out through SignInPages.
        http.removeConfigurer(DefaultLoginPageConfigurer.class);
        return http
                .securityMatcher(request -> !elsewhere.matches(request))
                .authorizeHttpRequests(requests -> requests
                        // Signing in to the webapps is OpenID Connect only.
                        .requestMatchers(paths.matcher(HttpMethod.POST, WEBAPP_LOGIN)).denyAll()
                        // Scripts with basic credentials: the analyst page's own filter checks them, as for the APIs.
                        .requestMatchers(request -> (analystPage.matches(request) || myReferralsPage.matches(request))
                                && hasBasicCredentials(request)).permitAll()
                        .requestMatchers(paths.matcher("/camunda/**"), paths.matcher("/camunda"), analystPage, myReferralsPage,
                                paths.matcher(ErsRolePage.PATH)).authenticated()
                        .anyRequest().permitAll())
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(pages))
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(
                                authorizationRequests(registrations)))
                        .userInfoEndpoint(users -> users.oidcUserService(
                                new Cis2People(new RoleMapping(properties.groups()), properties.userIdClaim())))
                        .successHandler(new ErsRoleAtSignIn(toPageAsked, ersRoles, ersTokens::signOut))
                        .failureHandler(new SignInRefused()))
                .logout(logout -> logout
                        .logoutRequestMatcher(paths.matcher(HttpMethod.POST, SignInPages.SIGN_OUT))
                        // The person's e-RS tokens go with the session: nothing acts as them once they signed out.
                        .addLogoutHandler((request, response, signedIn) -> {
                            if (signedIn != null) {
                                ersTokens.signOut(signedIn.getName());
                            }
                        })
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .logoutSuccessHandler(new EndSessionAtProvider(registrations)))
                .exceptionHandling(errors -> errors
                        // People opening a page are sent to sign in; scripts and the webapps' own calls get a status.
                        .defaultAuthenticationEntryPointFor(toSignIn, new AndRequestMatcher(
                                new NegatedRequestMatcher(paths.matcher("/camunda/api/**")), pages()))
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), request -> true))
                // The edge filters refuse cross-site changes and set the headers; Camunda's webapps keep their own CSRF token.
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    ErsRoles ersRoles(ErsClient ers, ErsRoleChoices choices, ApplicationEventPublisher events, ErsProperties ersProperties) {
        return new ErsRoles(ers, choices, events, ErsRoles.PERSONAL_MODE.equals(ersProperties.authOrDefault().effectiveMode()));
    }

    /** The page a person asked for before signing in (kept in the session), where signing in ends. */
    static HttpSessionRequestCache pagesBeforeSignIn() {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        HttpSessionRequestCache pages = new HttpSessionRequestCache();
        pages.setSessionAttrName(SAVED_REQUEST_ATTRIBUTE);
        // Back at the very address the person asked for, without a marker parameter.
        pages.setMatchingRequestParameterName(null);
        pages.setRequestMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/camunda/app/**"),
                paths.matcher(HttpMethod.GET, "/analytics"), paths.matcher(HttpMethod.GET, "/analytics/**"),
                paths.matcher(HttpMethod.GET, "/my-referrals"), paths.matcher(HttpMethod.GET, "/my-referrals/**"),
                paths.matcher(HttpMethod.GET, ErsRolePage.PATH)));
        return pages;
    }

    /**
     * PKCE on every authorization request. The embedded simulator is addressed with the host the
     * browser used, so that its session (and the redirect back) stays on the browser's host.
     */
    private static OAuth2AuthorizationRequestResolver authorizationRequests(SignInRegistrations registrations) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                OAuth2AuthorizationRequestRedirectPath.BASE);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return onBrowsersHost(request, resolver.resolve(request));
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
                return onBrowsersHost(request, resolver.resolve(request, clientRegistrationId));
            }

            private OAuth2AuthorizationRequest onBrowsersHost(HttpServletRequest request, OAuth2AuthorizationRequest authorization) {
                if (authorization == null || !registrations.embedded()) {
                    return authorization;
                }
                String local = registrations.localBaseUrl();
                String browsers = requestBase(request);
                return OAuth2AuthorizationRequest.from(authorization)
                        .authorizationUri(authorization.getAuthorizationUri().replace(local, browsers))
                        .authorizationRequestUri(authorization.getAuthorizationRequestUri().replace(local, browsers))
                        .build();
            }
        };
    }

    /** A browser navigating: it asks for HTML. */
    private static RequestMatcher pages() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    static boolean hasBasicCredentials(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** scheme://host:port (and context path) of the application as this request reached it. */
    static String requestBase(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
    }

    /** Spring Security's default path of authorization requests, {@code /oauth2/authorization/{registrationId}}. */
    private static final class OAuth2AuthorizationRequestRedirectPath {
        static final String BASE = "/oauth2/authorization";
    }

    /** Runs after Spring Security (order -100), which has loaded the signed-in person, and before the webapps' filters. */
    @Bean
    FilterRegistrationBean<WebappSignIn> webappSignIn() {
        FilterRegistrationBean<WebappSignIn> registration = new FilterRegistrationBean<>(new WebappSignIn());
        registration.setName("webapp-sign-in");
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        registration.setOrder(-99);
        return registration;
    }
}
