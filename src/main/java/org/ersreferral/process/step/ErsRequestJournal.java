package org.ersreferral.process.step;

import java.util.Optional;
import org.ersreferral.ers.ErsCall;

/**
 * Where every state-changing e-RS request is written down before it is sent and its answer as soon
 * as it arrives, each write standing on its own: a re-run of the step (timeout, crash, "Try again")
 * reads here what e-RS was already asked and told us, whatever became of the job's transaction.
 */
public interface ErsRequestJournal {

    /** The latest request of this referral's step under this key. */
    Optional<JournalEntry> latest(ErsCall call, String requestKey);

    /** Writes down (and commits) that the request is about to be sent, as the next attempt under its key. */
    JournalEntry sending(ErsCall call, String operation, String requestKey, String sentVersion);

    /** Writes down (and commits) what e-RS answered; any of the three may be null. */
    void answered(JournalEntry entry, String ubrn, String version, String reference);

    /** Writes down (and commits) that the request was not applied, or was handed to a coordinator. */
    void close(JournalEntry entry);
}
