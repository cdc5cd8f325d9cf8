package org.ersreferral.ers;

/** A011/A021 input: patient, the search that found the shortlist, the chosen service ids. */
public record NewReferral(String nhsNumber, ServiceSearch searchCriteria, java.util.List<String> shortlist, boolean letterToFollow) {
}
