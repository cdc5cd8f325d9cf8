package org.ersreferral.referral;

/**
 * Body of {@code POST /api/referrals}: the caller's request id and the referral's start variables;
 * {@code patientLetterTask} (optional, default false) asks for a task to give the patient their letter;
 * {@code organisation} (ODS code) is needed only from a caller who belongs to several organisations;
 * {@code patientName} (optional) lets coordinators see whose referral a task is, as e-RS serves no demographics.
 */
public record StartReferralRequest(String requestId, String nhsNumber, String priority, String specialty, String clinicType,
                                   String clinicalTerm, String namedClinician, String postcode, Boolean patientLetterTask,
                                   String organisation, String patientName) {

    public StartReferralRequest(String requestId, String nhsNumber, String priority, String specialty, String clinicType,
                                String clinicalTerm, String namedClinician, String postcode) {
        this(requestId, nhsNumber, priority, specialty, clinicType, clinicalTerm, namedClinician, postcode, null, null, null);
    }

    public StartReferralRequest(String requestId, String nhsNumber, String priority, String specialty, String clinicType,
                                String clinicalTerm, String namedClinician, String postcode, Boolean patientLetterTask,
                                String organisation) {
        this(requestId, nhsNumber, priority, specialty, clinicType, clinicalTerm, namedClinician, postcode, patientLetterTask,
                organisation, null);
    }
}
