package org.ersreferral.worklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * A coordinator of an organisation who signed in to e-RS, and when last: the people the sync may act
 * as, most recent first. Kept because people who sign in with OpenID Connect have their groups and
 * organisations only in their session, not in the engine's identity tables. Written by
 * {@link SyncCoordinators} in plain SQL; the mapping creates the table.
 */
@Entity
@Table(name = "worklist_sync_coordinator")
@IdClass(CoordinatorSignInRow.Key.class)
class CoordinatorSignInRow {

    @Id
    @Column(name = "organisation", length = 20)
    private String organisation;

    @Id
    @Column(name = "user_id", length = 255)
    private String userId;

    /** Milliseconds since the epoch (UTC). */
    @Column(name = "signed_in_at", nullable = false)
    private long signedInAt;

    protected CoordinatorSignInRow() {
    }

    static class Key implements Serializable {
        private String organisation;
        private String userId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && organisation.equals(key.organisation) && userId.equals(key.userId);
        }

        @Override
        public int hashCode() {
            return 31 * organisation.hashCode() + userId.hashCode();
        }
    }
}
