package org.ersreferral.simulator;

import org.springframework.data.jpa.repository.JpaRepository;

interface SimBinaryRepository extends JpaRepository<SimBinary, String> {
}
