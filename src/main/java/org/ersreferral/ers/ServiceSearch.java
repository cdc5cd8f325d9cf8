package org.ersreferral.ers;

/**
 * A010 search input, in e-RS codes.
 *
 * @param ageAndGenderAppropriate only services that treat the patient's age and sex (e-RS default: true)
 * @param waitTimeLimitDays       optional indicative appointment wait time limit, in days
 * @param distanceLimitMiles      optional distance limit from the postcode, in miles
 * @param sortBy                  {@code DISTANCE} (default) or {@code IWT} (indicative wait time)
 * @param organisation            optional ODS code: only services of this provider organisation
 * @param requestType             {@code APPOINTMENT_REQUEST} (default) or {@code ADVICE_AND_GUIDANCE_REQUEST}
 * @param commissioningRuleOrganisation optional ODS code whose commissioning rules apply instead of the
 *                                user's organisation's
 */
public record ServiceSearch(String nhsNumber, String priority, String specialty, String clinicType, String clinicalTerm,
                            String namedClinician, String postcode, boolean ageAndGenderAppropriate,
                            Integer waitTimeLimitDays, Integer distanceLimitMiles, String sortBy, String organisation,
                            String requestType, String commissioningRuleOrganisation) {

    public static final String APPOINTMENT_REQUEST = "APPOINTMENT_REQUEST";
    public static final String ADVICE_AND_GUIDANCE_REQUEST = "ADVICE_AND_GUIDANCE_REQUEST";

    public ServiceSearch(String nhsNumber, String priority, String specialty, String clinicType, String clinicalTerm,
                         String namedClinician, String postcode, boolean ageAndGenderAppropriate,
                         Integer waitTimeLimitDays, Integer distanceLimitMiles, String sortBy, String organisation) {
        this(nhsNumber, priority, specialty, clinicType, clinicalTerm, namedClinician, postcode, ageAndGenderAppropriate,
                waitTimeLimitDays, distanceLimitMiles, sortBy, organisation, null, null);
    }

    public ServiceSearch(String nhsNumber, String priority, String specialty, String clinicType, String clinicalTerm,
                         String namedClinician, String postcode) {
        this(nhsNumber, priority, specialty, clinicType, clinicalTerm, namedClinician, postcode, true, null, null, null, null);
    }
}
