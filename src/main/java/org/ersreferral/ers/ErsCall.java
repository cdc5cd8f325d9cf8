package org.ersreferral.ers;

/**
 * Who is calling e-RS and from where in a referral, so every request can carry a traceable
 * {@code X-Correlation-ID}.
 *
 * @param processInstanceId the referral's process instance, or a fixed label outside a process
 * @param step              the BPMN activity id making the call
 * @param actingUser        the person the call acts as, or null
 */
public record ErsCall(String processInstanceId, String step, String actingUser) {

    public ErsCall(String processInstanceId, String step) {
        this(processInstanceId, step, null);
    }
}
