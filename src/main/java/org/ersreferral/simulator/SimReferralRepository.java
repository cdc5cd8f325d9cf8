package org.ersreferral.simulator;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface SimReferralRepository extends JpaRepository<SimReferral, String> {
    List<SimReferral> findAllByOrderByUbrnAsc();

    Optional<SimReferral> findByAppointmentId(String appointmentId);

    /** The referrals an organisation made, for its worklists. */
    List<SimReferral> findByCommissioningOrgOrderByUbrnAsc(String ods);
}
