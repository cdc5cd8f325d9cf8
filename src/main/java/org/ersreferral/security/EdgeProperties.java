package org.ersreferral.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the filters in front of everything allow.
 *
 * @param allowedOrigins    origins (e.g. {@code https://portal.example.nhs.uk}) whose pages may send state-changing
 *                          requests here; empty: only the application's own pages may
 * @param maxBodySize       largest request body anywhere else
 * @param maxUploadBodySize largest body of a task completion or form submission, which may carry referral letters,
 *                          and of a file sent to the simulator
 */
@ConfigurationProperties("referral.security")
record EdgeProperties(@DefaultValue List<String> allowedOrigins,
                      @DefaultValue("1MB") DataSize maxBodySize,
                      @DefaultValue("32MB") DataSize maxUploadBodySize) {
}
