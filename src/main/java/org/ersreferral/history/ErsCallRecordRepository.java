package org.ersreferral.history;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ErsCallRecordRepository extends JpaRepository<ErsCallRecord, Long> {

    List<ErsCallRecord> findByProcessInstanceIdOrderByStartedAtAscIdAsc(String processInstanceId);

    /** Whether this operation already failed at this step of this referral: no answer, or a 4xx or 5xx. */
    @Query("SELECT COUNT(c) > 0 FROM ErsCallRecord c WHERE c.processInstanceId = :processInstanceId AND c.step = :step"
            + " AND c.operation = :operation AND (c.status = 0 OR c.status >= 400)")
    boolean failedBefore(@Param("processInstanceId") String processInstanceId, @Param("step") String step,
                         @Param("operation") String operation);

    /** When the referral of this process instance was requested; empty for an unknown one. */
    @Query("SELECT r.createdAt FROM ReferralRecord r WHERE r.processInstanceId = :processInstanceId")
    Optional<Instant> referralRequestedAt(@Param("processInstanceId") String processInstanceId);
}
