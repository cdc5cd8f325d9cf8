package org.ersreferral.ers;

/** How configuration prints a secret: whether it is set, never what it is. */
public final class Secrets {

    private Secrets() {
    }

    /** {@code ***} for a set value, {@code null} or {@code ""} as they are (so an unset secret still shows). */
    public static String mask(String secret) {
        return secret == null ? null : secret.isEmpty() ? "" : "***";
    }
}
