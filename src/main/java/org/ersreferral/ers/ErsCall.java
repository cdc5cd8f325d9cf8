package org.ersreferral.ers;

/**
 * Who is calling e-RS and from where in a referral, so every request can carry a traceable
 * {@code X-Correlation-ID} and act as the right person.
 *
 * @param processInstanceId the referral's process instance, or a fixed label outside a process
 * @param step              the BPMN activity id making the call
 * @param actingUser        the Camunda user id of the person the call acts as (their e-RS token and
 *                          chosen role); null: the application alone, for application-restricted reads
 */
public record ErsCall(String processInstanceId, String step, String actingUser) {

    /** A call of the application alone (no person): reference reads, and modes without user tokens. */
    public ErsCall(String processInstanceId, String step) {
        this(processInstanceId, step, null);
    }
}
