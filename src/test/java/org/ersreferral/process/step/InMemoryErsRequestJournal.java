package org.ersreferral.process.step;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ersreferral.ers.ErsCall;

/** The journal in a list, for tests without a database; {@link #entries()} shows what was written down. */
public final class InMemoryErsRequestJournal implements ErsRequestJournal {

    private final List<JournalEntry> entries = new ArrayList<>();
    private final Clock clock;

    public InMemoryErsRequestJournal(Clock clock) {
        this.clock = clock;
    }

    public List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public Optional<JournalEntry> latest(ErsCall call, String requestKey) {
        return entries.stream()
                .filter(e -> e.processInstanceId().equals(call.processInstanceId()) && e.step().equals(call.step())
                        && e.requestKey().equals(requestKey))
                .max(Comparator.comparingInt(JournalEntry::attempt));
    }

    @Override
    public JournalEntry sending(ErsCall call, String operation, String requestKey, String sentVersion) {
        int attempt = latest(call, requestKey).map(e -> e.attempt() + 1).orElse(1);
        JournalEntry entry = new JournalEntry(entries.size() + 1, call.processInstanceId(), call.step(), operation, requestKey,
                attempt, JournalEntry.Status.SENT, clock.instant(), sentVersion, null, null, null);
        entries.add(entry);
        return entry;
    }

    @Override
    public void answered(JournalEntry entry, String ubrn, String version, String reference) {
        replace(entry, new JournalEntry(entry.id(), entry.processInstanceId(), entry.step(), entry.operation(),
                entry.requestKey(), entry.attempt(), JournalEntry.Status.ANSWERED, entry.sentAt(), entry.sentVersion(), ubrn,
                version, reference));
    }

    @Override
    public void close(JournalEntry entry) {
        replace(entry, new JournalEntry(entry.id(), entry.processInstanceId(), entry.step(), entry.operation(),
                entry.requestKey(), entry.attempt(), JournalEntry.Status.CLOSED, entry.sentAt(), entry.sentVersion(), null,
                null, null));
    }

    private void replace(JournalEntry entry, JournalEntry with) {
        entries.replaceAll(e -> e.id() == entry.id() ? with : e);
    }
}
