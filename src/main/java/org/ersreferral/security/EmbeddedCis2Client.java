package org.ersreferral.security;

/**
 * The application's registration with the CIS2 and API-platform sign-in of the embedded e-RS
 * simulator, handed over in process: the secret is random per start and never passes through
 * configuration, the environment or a log. The bean exists only while the simulator runs.
 */
public interface EmbeddedCis2Client {

    /** Where the simulator's authorization server lives below the application's own base URL. */
    String ISSUER_PATH = "/ers-sim";

    /** The path, below the application's base URL, the simulator sends the signed-in user back to. */
    String REDIRECT_PATH = "/login/oauth2/code/cis2";

    String clientId();

    String clientSecret();

    /** The issuer as seen through {@code applicationBaseUrl} (e.g. {@code http://localhost:8080}). */
    default String issuer(String applicationBaseUrl) {
        String base = applicationBaseUrl.endsWith("/") ? applicationBaseUrl.substring(0, applicationBaseUrl.length() - 1)
                : applicationBaseUrl;
        return base + ISSUER_PATH;
    }
}
