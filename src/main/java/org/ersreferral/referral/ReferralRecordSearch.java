package org.ersreferral.referral;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Referral records chosen by filters that combine freely (organisation, status, text): the coordinators' list. */
interface ReferralRecordSearch extends JpaRepository<ReferralRecord, Long>, JpaSpecificationExecutor<ReferralRecord> {
}
