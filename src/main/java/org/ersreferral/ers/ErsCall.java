package org.ersreferral.ers;

/**
 * Who is calling e-RS and from where in a referral, so every request can carry a traceable
 * {@code X-Correlation-ID}.
 *
 * @param processInstanceId the referral's process instance, or a fixed label outside a process
 * @param step              the BPMN activity id making the call
 */
public record ErsCall(String processInstanceId, String step) {
}
