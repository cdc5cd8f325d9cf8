package org.ersreferral.security.acting;

import org.springframework.data.jpa.repository.JpaRepository;

interface ChosenErsRoleRepository extends JpaRepository<ChosenErsRole, String> {
}
