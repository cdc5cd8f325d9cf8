package org.ersreferral.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param demoUsersEnabled create the demo users at start-up (turn off in production: they are then removed)
 * @param demoPassword     password the demo users get; the default {@code demo} is refused on any database but H2
 * @param firstAdmin       the administrator created at start-up when that user does not exist yet
 * @param login            how wrong passwords are throttled
 */
@ConfigurationProperties("referral.security")
public record SecurityProperties(@DefaultValue("true") boolean demoUsersEnabled, @DefaultValue("demo") String demoPassword,
                                 @DefaultValue FirstAdmin firstAdmin, @DefaultValue Login login) {

    /** The demo password Camunda's examples and this project's H2 demo use: never acceptable in production. */
    static final String DEFAULT_DEMO_PASSWORD = "demo";

    /**
     * @param userId       user id of the first administrator (blank: none)
     * @param password     their password, used only when the user is created
     * @param passwordFile a file holding the password instead (e.g. a container secret); wins over {@code password}
     */
    public record FirstAdmin(String userId, String password, String passwordFile) {

        boolean configured() {
            return userId != null && !userId.isBlank();
        }

        /** The password from the file when one is named, else the plain setting; null when neither is set. */
        String resolvedPassword() {
            if (passwordFile != null && !passwordFile.isBlank()) {
                try {
                    return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the first admin's password file named by"
                            + " referral.security.first-admin.password-file (FIRST_ADMIN_PASSWORD_FILE)", e);
                }
            }
            return password == null || password.isBlank() ? null : password;
        }

        @Override
        public String toString() {
            return "FirstAdmin[userId=" + userId + ", password=" + (password == null || password.isBlank() ? "" : "***")
                    + ", passwordFile=" + passwordFile + "]";
        }
    }

    /**
     * @param maxFailures wrong passwords from one address for one user, within {@code window}, that lock that address out
     * @param window      how far back failures count
     * @param lockTime    how long the address is then refused for that user
     */
    public record Login(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window,
                        @DefaultValue("5m") Duration lockTime) {
    }

    @Override
    public String toString() {
        return "SecurityProperties[demoUsersEnabled=" + demoUsersEnabled + ", demoPassword=***, firstAdmin=" + firstAdmin
                + ", login=" + login + "]";
    }
}
