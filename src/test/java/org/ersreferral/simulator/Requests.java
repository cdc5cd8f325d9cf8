package org.ersreferral.simulator;

import java.util.List;
import java.util.stream.Collectors;

/** Request bodies the tests send, written like the official examples. */
final class Requests {

    static final String NHS_NUMBER = "9912003888";

    private Requests() {
    }

    static String search(String priority, String specialty, String clinicType) {
        return """
                {"resourceType":"Parameters","parameter":[
                 {"name":"requestType","valueCoding":{"system":"https://fhir.nhs.uk/STU3/CodeSystem/eRS-RequestType-1","code":"APPOINTMENT_REQUEST"}},
                 {"name":"patient","valueIdentifier":{"system":"http://fhir.nhs.net/Id/nhs-number","value":"%s"}},
                 {"name":"searchCriteria","resource":{"resourceType":"Parameters","parameter":[
                   {"name":"priority","valueCoding":{"code":"%s"}},
                   {"name":"specialty","valueCoding":{"code":"%s"}}%s]}}]}
                """.formatted(NHS_NUMBER, priority, specialty,
                clinicType == null ? "" : ",{\"name\":\"clinicType\",\"valueCoding\":{\"code\":\"" + clinicType + "\"}}");
    }

    static String createReferral(String priority, String specialty, List<String> serviceIds) {
        String entries = serviceIds.stream()
                .map(id -> "{\"item\":{\"identifier\":{\"system\":\"http://fhir.nhs.net/Id/ers-service\",\"value\":\"" + id + "\"}}}")
                .collect(Collectors.joining(","));
        return """
                {"resourceType":"Parameters","parameter":[
                 {"name":"patient","valueIdentifier":{"system":"http://fhir.nhs.net/Id/nhs-number","value":"%s"}},
                 {"name":"intentionToAddReferralLetter","valueCoding":{"code":"NEED_TO_ADD_LATER"}},
                 {"name":"eReferralPathwayStart","valueInstant":"2024-05-01T09:55:00.000Z"},
                 {"name":"shortlist","resource":{"resourceType":"List","status":"current","mode":"snapshot",
                   "contained":[{"resourceType":"Parameters","id":"ServiceSearchCriteria-1","parameter":[
                     {"name":"priority","valueCoding":{"code":"%s"}},
                     {"name":"specialty","valueCoding":{"code":"%s"}}]}],
                   "extension":[{"url":"https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Shortlist-SearchCriteria-1","valueReference":{"reference":"#ServiceSearchCriteria-1"}}],
                   "entry":[%s]}}]}
                """.formatted(NHS_NUMBER, priority, specialty, entries);
    }

    static String letter(String... binaryUrls) {
        String files = java.util.Arrays.stream(binaryUrls).map(url -> """
                {"name":"referralLetterFile","resource":{"resourceType":"DocumentReference","status":"current",
                 "indexed":"2024-06-24T13:22:13Z","type":{"coding":[{"code":"REFERRER"}]},
                 "content":[{"attachment":{"url":"%s"}}]}}""".formatted(url)).collect(Collectors.joining(","));
        return "{\"resourceType\":\"Parameters\",\"parameter\":[" + files + "]}";
    }

    static String book(String ubrn, int version, String serviceId, String slotId) {
        return appointment(ubrn, version, serviceId, "booked", null, slotId);
    }

    static String defer(String ubrn, int version, String serviceId, String reason) {
        return appointment(ubrn, version, serviceId, "proposed", reason, null);
    }

    private static String appointment(String ubrn, int version, String serviceId, String status, String reason, String slotId) {
        return """
                {"resourceType":"Appointment","status":"%s",%s%s
                 "incomingReferral":[{"reference":"ReferralRequest/%s/_history/%d"}],
                 "participant":[
                  {"actor":{"identifier":{"system":"http://fhir.nhs.net/Id/ers-service","value":"%s"}},"status":"accepted"},
                  {"actor":{"identifier":{"system":"http://fhir.nhs.net/Id/nhs-number","value":"%s"}},"status":"accepted"}]}
                """.formatted(status,
                reason == null ? "" : "\"reason\":[{\"coding\":[{\"system\":\"https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1\",\"code\":\"" + reason + "\"}]}],",
                slotId == null ? "" : "\"slot\":[{\"reference\":\"Slot/" + slotId + "\"}],",
                ubrn, version, serviceId, NHS_NUMBER);
    }

    static String cancel(String reason, String comment) {
        return """
                {"resourceType":"Parameters","parameter":[
                 {"name":"cancellationReason","valueCoding":{"code":"%s"}}%s]}
                """.formatted(reason, comment == null ? "" : ",{\"name\":\"cancellationComments\",\"valueString\":\"" + comment + "\"}");
    }
}
