package org.ersreferral.config;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The application's own pages, each a folder under {@code static/}: the analysts' page
 * ({@code /analytics/}) and the coordinators' "My referrals" ({@code /my-referrals/}, a referral's row
 * at {@code /my-referrals/#<requestId>}). The bare path redirects to the folder, so the page's relative
 * links to its scripts resolve, and the folder serves its index.html. Who may open each is decided by
 * the security configuration.
 */
@Configuration(proxyBeanMethods = false)
class StaticPagesConfig implements WebMvcConfigurer {

    static final List<String> PAGES = List.of("analytics", "my-referrals");

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String page : PAGES) {
            String folder = "/" + page + "/";
            registry.addRedirectViewController("/" + page, folder);
            registry.addViewController(folder).setViewName("forward:" + folder + "index.html");
        }
    }
}
