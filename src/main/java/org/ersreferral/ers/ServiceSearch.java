package org.ersreferral.ers;

/** A010 search input, in e-RS codes. */
public record ServiceSearch(String nhsNumber, String priority, String specialty, String clinicType, String clinicalTerm, String namedClinician, String postcode) {
}
