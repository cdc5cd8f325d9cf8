package org.ersreferral.ers;

/** Holder of the e-RS domain vocabulary shared by the client, the simulator and the process. */
public final class ErsDomain {

    public static final String DIRECTLY_BOOKABLE = "DIRECTLY_BOOKABLE";
    public static final String INDIRECTLY_BOOKABLE = "INDIRECTLY_BOOKABLE";

    private ErsDomain() {
    }
}
