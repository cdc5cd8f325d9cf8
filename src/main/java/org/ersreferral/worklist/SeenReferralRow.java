package org.ersreferral.worklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * What the sync knows of one referral of one organisation, written by {@link SeenReferrals} in plain
 * SQL; the mapping creates the table. No patient data: the UBRN, codes and e-RS's times.
 */
@Entity
@Table(name = "worklist_sync_seen")
@IdClass(SeenReferralRow.Key.class)
class SeenReferralRow {

    @Id
    @Column(name = "organisation", length = 20)
    private String organisation;

    @Id
    @Column(length = 20)
    private String ubrn;

    /** The worklists it was on at the last run (comma-separated names); empty once it left them all. */
    @Column(name = "lists", length = 200, nullable = false)
    private String lists;

    /** What of its items the last message told ({@code referralLastUpdated|letterDue}); null: nothing told yet. */
    @Column(name = "told_mark", length = 80)
    private String toldMark;

    /** The e-RS state the last message told, or null. */
    @Column(name = "told_status", length = 40)
    private String toldStatus;

    /** Whether the sync started a follow-up for it (found in e-RS): never a second. */
    @Column(name = "follow_up_started", nullable = false)
    private boolean followUpStarted;

    /** When it was found on no list any more (null while on one): the row goes a time to live after, see {@link WorklistSync}. */
    @Column(name = "off_lists_since")
    private Instant offListsSince;

    protected SeenReferralRow() {
    }

    static class Key implements Serializable {
        private String organisation;
        private String ubrn;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && organisation.equals(key.organisation) && ubrn.equals(key.ubrn);
        }

        @Override
        public int hashCode() {
            return 31 * organisation.hashCode() + ubrn.hashCode();
        }
    }
}
