package org.ersreferral.ers;

import java.time.Clock;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps each referral's session id in the shared database, so any node can reuse and end it. */
@Component
class DatabaseErsSessionStore implements ErsSessionStore {

    private final ErsSessionRecordRepository records;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;

    DatabaseErsSessionStore(@Lazy ErsSessionRecordRepository records, Clock clock, PlatformTransactionManager transactions) {
        this.records = records;
        this.clock = clock;
        // Writes stand on their own: the e-RS session exists whatever becomes of the job that opened
        // it, and the forgetting runs after the referral's transaction has committed.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public String find(String processInstanceId) {
        return processInstanceId == null ? null
                : records.findById(processInstanceId).map(ErsSessionRecord::sessionId).orElse(null);
    }

    @Override
    public void save(String processInstanceId, String sessionId) {
        if (processInstanceId == null) {
            return;
        }
        ownTransaction.executeWithoutResult(tx -> {
            if (sessionId == null) {
                records.findById(processInstanceId).ifPresent(records::delete);
            } else {
                records.save(new ErsSessionRecord(processInstanceId, sessionId, clock.instant()));
            }
        });
    }
}
