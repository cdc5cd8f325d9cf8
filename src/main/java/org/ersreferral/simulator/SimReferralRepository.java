package org.ersreferral.simulator;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface SimReferralRepository extends JpaRepository<SimReferral, String> {
    List<SimReferral> findAllByOrderByUbrnAsc();
}
