package org.ersreferral.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.ersreferral.ers.ErsCallObserver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps every e-RS call in the database, each in a transaction of its own: a call whose step then
 * failed and rolled back is exactly the one an analyst needs to see.
 */
@Component
class ErsCallHistory implements ErsCallObserver {

    private final ErsCallRecordRepository records;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    ErsCallHistory(ErsCallRecordRepository records, PlatformTransactionManager transactions, Clock clock) {
        this.records = records;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public void called(String operation, String method, String path, int status, String failure, long durationMs,
                       String correlationId) {
        String[] parts = CorrelationIds.split(correlationId);
        Instant startedAt = clock.instant().minus(Duration.ofMillis(durationMs));
        ownTransaction.executeWithoutResult(tx -> {
            // Known now, cheaply, through the referral's index; the reports would otherwise have to work it out per call.
            boolean retry = parts[0] != null && records.failedBefore(parts[0], parts[1], operation);
            Instant requestedAt = parts[0] == null ? null : records.referralRequestedAt(parts[0]).orElse(null);
            records.save(new ErsCallRecord(parts[0], parts[1], operation, correlationId, method, path, status, failure,
                    durationMs, startedAt, requestedAt, retry));
        });
    }
}
