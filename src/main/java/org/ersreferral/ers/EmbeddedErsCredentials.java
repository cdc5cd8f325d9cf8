package org.ersreferral.ers;

/**
 * The tokens of the e-RS simulator running inside this application, handed to the client in
 * process: random per start, they never pass through configuration, the environment or a log.
 * Used only when {@code ers.auth.token} (or, for the clinician, {@code ers.referring-clinician}) is blank
 * and {@code ers.base-url} is the embedded simulator.
 */
public interface EmbeddedErsCredentials {

    /** The bearer token the simulator accepts in {@code static} mode. */
    String accessToken();

    /** The smartcard token the simulator accepts in A001 ({@code professional-session} mode). */
    String smartcardToken();

    /**
     * The SDS user id of the simulator's GP, named as the referring clinician when the person acts
     * as {@code REFERRING_CLINICIAN_ADMIN} and {@code ers.referring-clinician} is blank: handed over
     * here, never as a setting's default that could reach a real e-RS.
     */
    String referringClinician();
}
