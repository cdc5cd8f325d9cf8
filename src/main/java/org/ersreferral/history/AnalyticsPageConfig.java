package org.ersreferral.history;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The analyst page ({@code static/analytics/}) opens at {@code /analytics}: the bare path redirects
 * to the folder, so the page's relative links to its scripts resolve, and the folder serves index.html.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsPageConfig implements WebMvcConfigurer {

    static final String PAGE = "/analytics/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/analytics", PAGE);
        registry.addViewController(PAGE).setViewName("forward:" + PAGE + "index.html");
    }
}
