package org.ersreferral.ers;

/**
 * The e-RS operations this client calls. {@code changesState} says whether e-RS may have applied a
 * request that timed out after it was sent: such calls end in {@link ErsException.OutcomeUnknown}
 * rather than a blind retry.
 */
enum ErsOperation {
    A004(false), A005(false), A010(false), A011(true), A012(true), A015(false), A016(true), A019(false),
    A020(true), A021(true), A030(false), A036(true);

    private final boolean changesState;

    ErsOperation(boolean changesState) {
        this.changesState = changesState;
    }

    boolean changesState() {
        return changesState;
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
