package org.ersreferral.process.step;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ErsRequestRecordRepository extends JpaRepository<ErsRequestRecord, Long> {

    Optional<ErsRequestRecord> findFirstByProcessInstanceIdAndStepAndRequestKeyOrderByAttemptDesc(
            String processInstanceId, String step, String requestKey);
}
