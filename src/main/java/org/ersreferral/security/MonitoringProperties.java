package org.ersreferral.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The credential a monitoring system (e.g. Prometheus) uses to read {@code /actuator}: it is no engine
 * user, so it can sign in nowhere else. Blank: only members of {@code camunda-admin} read metrics.
 *
 * @param userId       its user name (choose one that is no engine user: for /actuator this credential is checked first)
 * @param password     its password
 * @param passwordFile a file holding the password instead (e.g. a container secret); wins over {@code password}
 */
@ConfigurationProperties("referral.monitoring")
record MonitoringProperties(String userId, String password, String passwordFile) {

    boolean configured() {
        return userId != null && !userId.isBlank() && resolvedPassword() != null;
    }

    String resolvedPassword() {
        if (passwordFile != null && !passwordFile.isBlank()) {
            try {
                return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the monitoring password file named by"
                        + " referral.monitoring.password-file (MONITORING_PASSWORD_FILE)", e);
            }
        }
        return password == null || password.isBlank() ? null : password;
    }

    @Override
    public String toString() {
        return "MonitoringProperties[userId=" + userId + ", password=" + (password == null || password.isBlank() ? "" : "***")
                + ", passwordFile=" + passwordFile + "]";
    }
}
