package org.ersreferral.simulator;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface SimServiceRepository extends JpaRepository<SimService, String> {
    List<SimService> findAllByOrderByIdAsc();
}
