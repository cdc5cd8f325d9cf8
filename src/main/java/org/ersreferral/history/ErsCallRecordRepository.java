package org.ersreferral.history;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ErsCallRecordRepository extends JpaRepository<ErsCallRecord, Long> {

    List<ErsCallRecord> findByProcessInstanceIdOrderByStartedAtAscIdAsc(String processInstanceId);
}
