package org.ersreferral.referral;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The coordinators' page ({@code static/my-referrals/}) opens at {@code /my-referrals/}: the bare path
 * redirects to the folder, so the page's relative links to its scripts resolve, and the folder serves
 * index.html. A referral's row is {@code /my-referrals/#<requestId>}.
 */
@Configuration(proxyBeanMethods = false)
class MyReferralsPageConfig implements WebMvcConfigurer {

    static final String PAGE = "/my-referrals/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/my-referrals", PAGE);
        registry.addViewController(PAGE).setViewName("forward:" + PAGE + "index.html");
    }
}
