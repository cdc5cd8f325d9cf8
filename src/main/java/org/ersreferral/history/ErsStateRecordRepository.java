package org.ersreferral.history;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ErsStateRecordRepository extends JpaRepository<ErsStateRecord, Long> {

    List<ErsStateRecord> findByProcessInstanceIdOrderBySeenAtAscIdAsc(String processInstanceId);

    List<ErsStateRecord> findByBusinessKeyInOrderBySeenAtAscIdAsc(Collection<String> businessKeys);
}
