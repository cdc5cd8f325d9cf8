package org.ersreferral.referral;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ReferralRecordRepository extends JpaRepository<ReferralRecord, Long> {

    Optional<ReferralRecord> findByRequestId(String requestId);

    Optional<ReferralRecord> findByProcessInstanceId(String processInstanceId);
}
