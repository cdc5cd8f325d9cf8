package org.ersreferral.ers;

/**
 * Where a referral's professional session id is kept besides this node's memory, so another
 * cluster node running the referral's next job reuses it instead of opening a second session.
 */
public interface ErsSessionStore {

    /** Memory only: a single node, or tests. */
    ErsSessionStore NONE = new ErsSessionStore() {
        @Override
        public String find(String processInstanceId) {
            return null;
        }

        @Override
        public void save(String processInstanceId, String sessionId) {
        }
    };

    /** The stored session id of this referral, or null when none is stored or it cannot be read here. */
    String find(String processInstanceId);

    /** Stores the referral's session id; null forgets it. Ignored where it cannot be written. */
    void save(String processInstanceId, String sessionId);
}
