package org.ersreferral.ers;

/**
 * The tokens of the e-RS simulator running inside this application, handed to the client in
 * process: random per start, they never pass through configuration, the environment or a log.
 * Used only when {@code ers.auth.token} is blank and {@code ers.base-url} is the embedded simulator.
 */
public interface EmbeddedErsCredentials {

    /** The bearer token the simulator accepts in {@code static} mode. */
    String accessToken();

    /** The smartcard token the simulator accepts in A001 ({@code professional-session} mode). */
    String smartcardToken();
}
