package org.ersreferral.process.step;

import java.time.Clock;
import java.util.Optional;
import org.ersreferral.ers.ErsCall;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal in the shared database. Every read and write runs in a transaction of its own: a
 * write must survive the job's rollback, and a read must not see a copy the job's persistence
 * context cached before another write committed. Only the job holding the step's lock writes.
 */
@Component
class DatabaseErsRequestJournal implements ErsRequestJournal {

    private final ErsRequestRecordRepository records;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    DatabaseErsRequestJournal(ErsRequestRecordRepository records, PlatformTransactionManager transactions, Clock clock) {
        this.records = records;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public Optional<JournalEntry> latest(ErsCall call, String requestKey) {
        return ownTransaction.execute(tx -> find(call, requestKey).map(ErsRequestRecord::entry));
    }

    @Override
    public JournalEntry sending(ErsCall call, String operation, String requestKey, String sentVersion) {
        return ownTransaction.execute(tx -> {
            int attempt = find(call, requestKey).map(r -> r.entry().attempt() + 1).orElse(1);
            return records.saveAndFlush(new ErsRequestRecord(call.processInstanceId(), call.step(), operation, requestKey,
                    attempt, clock.instant(), sentVersion)).entry();
        });
    }

    @Override
    public void answered(JournalEntry entry, String ubrn, String version, String reference) {
        ownTransaction.executeWithoutResult(tx -> records.findById(entry.id())
                .ifPresent(r -> r.answer(clock.instant(), ubrn, version, reference)));
    }

    @Override
    public void close(JournalEntry entry) {
        ownTransaction.executeWithoutResult(tx -> records.findById(entry.id()).ifPresent(ErsRequestRecord::close));
    }

    private Optional<ErsRequestRecord> find(ErsCall call, String requestKey) {
        return records.findFirstByProcessInstanceIdAndStepAndRequestKeyOrderByAttemptDesc(call.processInstanceId(),
                call.step(), requestKey);
    }
}
