package org.ersreferral.ers;

import org.springframework.data.jpa.repository.JpaRepository;

interface ErsSessionRecordRepository extends JpaRepository<ErsSessionRecord, String> {
}
