package org.ersreferral.ers;

/**
 * The e-RS operations this client calls, with e-RS's own names for them. {@code changesState} says
 * whether e-RS may have applied a request that timed out after it was sent: such calls end in
 * {@link ErsException.OutcomeUnknown} rather than a blind retry.
 */
public enum ErsOperation {
    A001(true, "Create professional session"),
    A002(true, "Select role for professional session"),
    A003(true, "End professional session"),
    A004(false, "Retrieve reference data", true),
    A005(false, "Retrieve referral request"),
    A008(false, "Retrieve worklist"),
    A010(false, "Search for services"),
    A011(true, "Create referral"),
    A012(true, "Maintain referral letter"),
    A015(false, "Retrieve appointment slots"),
    A016(true, "Book or defer appointment"),
    A019(false, "Generate patient letter"),
    A020(true, "Upload file"),
    A021(true, "Create referral and send for triage"),
    A029(false, "Retrieve available actions"),
    A030(false, "Retrieve business functions"),
    A031(true, "Change shortlist"),
    A032(true, "Change shortlist and send for triage"),
    A034(true, "Update appointment"),
    A036(true, "Cancel referral"),
    A038(false, "Retrieve appointment");

    private final boolean changesState;
    private final String displayName;
    private final boolean applicationRestricted;

    ErsOperation(boolean changesState, String displayName) {
        this(changesState, displayName, false);
    }

    ErsOperation(boolean changesState, String displayName, boolean applicationRestricted) {
        this.changesState = changesState;
        this.displayName = displayName;
        this.applicationRestricted = applicationRestricted;
    }

    /**
     * e-RS allows this operation with the application's own (application-restricted) token; every
     * other one needs a person signed in through NHS CIS2 (a user-restricted token).
     */
    public boolean applicationRestricted() {
        return applicationRestricted;
    }

    boolean changesState() {
        return changesState;
    }

    public String displayName() {
        return displayName;
    }

    /** The name of an operation id as recorded with a call; the id itself when it is not one of these. */
    public static String displayNameOf(String id) {
        for (ErsOperation operation : values()) {
            if (operation.name().equals(id)) {
                return operation.displayName;
            }
        }
        return id;
    }

    /** The operation of a Feign request, from its {@link ErsApiOperation} method; null when unknown. */
    static ErsOperation of(feign.Request request) {
        if (request == null || request.requestTemplate() == null || request.requestTemplate().methodMetadata() == null) {
            return null;
        }
        ErsApiOperation annotation = request.requestTemplate().methodMetadata().method()
                .getAnnotation(ErsApiOperation.class);
        return annotation == null ? null : annotation.value();
    }
}
