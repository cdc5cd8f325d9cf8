package org.ersreferral.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param demoUsersEnabled create the demo users and groups at start-up (turn off in production)
 * @param demoPassword     password the demo users get when they are created
 */
@ConfigurationProperties("referral.security")
public record SecurityProperties(boolean demoUsersEnabled, String demoPassword) {

    /** Passwords print as {@code ***}. */
    @Override
    public String toString() {
        return "SecurityProperties[demoUsersEnabled=" + demoUsersEnabled + ", demoPassword="
                + org.ersreferral.ers.Secrets.mask(demoPassword) + "]";
    }
}
