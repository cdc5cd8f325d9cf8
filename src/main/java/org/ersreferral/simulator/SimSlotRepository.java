package org.ersreferral.simulator;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SimSlotRepository extends JpaRepository<SimSlot, String> {

    @Query("select s from SimSlot s where s.serviceId = ?1 and s.free = true and s.startTime > ?2 order by s.startTime, s.id")
    List<SimSlot> findFree(String serviceId, Instant after);

    List<SimSlot> findByServiceIdOrderByIdAsc(String serviceId);

    @Query("select count(s) from SimSlot s where s.serviceId = ?1 and s.free = true and s.startTime > ?2")
    long countFree(String serviceId, Instant after);
}
