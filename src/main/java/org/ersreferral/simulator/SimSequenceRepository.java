package org.ersreferral.simulator;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface SimSequenceRepository extends JpaRepository<SimSequence, String> {

    /** Row lock, so two nodes sharing one database never hand out the same UBRN. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from SimSequence s where s.name = ?1")
    Optional<SimSequence> lockByName(String name);
}
