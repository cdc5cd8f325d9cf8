package org.ersreferral.process;

/**
 * Tells a machine client (a GP system with a bearer token) from a person among the users the engine
 * sees as authenticated. Only a person can be a referral's acting user: e-RS calls act as someone
 * signed in through NHS CIS2. Process tests replace it; the application asks the request's token.
 */
@FunctionalInterface
public interface MachineCallers {

    boolean isMachine(String userId);
}
