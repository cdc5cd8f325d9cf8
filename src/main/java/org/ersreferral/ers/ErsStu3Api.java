package org.ersreferral.ers;

import feign.HeaderMap;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;
import java.util.Map;
import org.hl7.fhir.dstu3.model.Appointment;
import org.hl7.fhir.dstu3.model.Bundle;
import org.hl7.fhir.dstu3.model.CodeSystem;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.ReferralRequest;

/**
 * The e-RS FHIR STU3 endpoints of the referrer flow. Per-call headers (correlation id, If-Match,
 * file headers) come in the header map; the common ones are added by an interceptor.
 */
interface ErsStu3Api {

    String CONTENT_TYPE_FHIR_JSON = "Content-Type: application/fhir+json";

    @ErsApiOperation(ErsOperation.A004)
    @RequestLine("GET /STU3/CodeSystem/{type}")
    CodeSystem retrieveCodeSystem(@HeaderMap Map<String, Object> headers, @Param("type") String type);

    @ErsApiOperation(ErsOperation.A010)
    @RequestLine("POST /STU3/HealthcareService/$ers.searchHealthcareServicesForPatient")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    ListResource searchServices(@HeaderMap Map<String, Object> headers, Parameters body);

    @ErsApiOperation(ErsOperation.A011)
    @RequestLine("POST /STU3/ReferralRequest/$ers.createReferral")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    ReferralRequest createReferral(@HeaderMap Map<String, Object> headers, Parameters body);

    @ErsApiOperation(ErsOperation.A021)
    @RequestLine("POST /STU3/ReferralRequest/$ers.createReferralAndSendForTriage")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    ReferralRequest createReferralAndSendForTriage(@HeaderMap Map<String, Object> headers, Parameters body);

    /** Raw bytes; the answer is 201 with {@code Location: Binary/<id>} and no body. */
    @ErsApiOperation(ErsOperation.A020)
    @RequestLine("POST /STU3/Binary")
    Response uploadFile(@HeaderMap Map<String, Object> headers, byte[] content);

    @ErsApiOperation(ErsOperation.A012)
    @RequestLine("POST /STU3/ReferralRequest/{ubrn}/$ers.maintainReferralLetter")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    ReferralRequest maintainReferralLetter(@HeaderMap Map<String, Object> headers, @Param("ubrn") String ubrn,
                                           Parameters body);

    @ErsApiOperation(ErsOperation.A005)
    @RequestLine("GET /STU3/ReferralRequest/{ubrn}")
    ReferralRequest retrieveReferral(@HeaderMap Map<String, Object> headers, @Param("ubrn") String ubrn);

    /** A PDF; the response is returned whole so the Content-Disposition file name can be read. */
    @ErsApiOperation(ErsOperation.A019)
    @RequestLine("POST /STU3/ReferralRequest/{ubrn}/$ers.generatePatientLetter")
    @Headers("Accept: application/pdf")
    Response generatePatientLetter(@HeaderMap Map<String, Object> headers, @Param("ubrn") String ubrn);

    @ErsApiOperation(ErsOperation.A015)
    /** Without a clinician Feign leaves {@code schedule.actor:Practitioner} out of the query. */
    @RequestLine("GET /STU3/Slot?schedule.actor:Practitioner={clinician}&schedule.actor:HealthcareService={service}"
            + "&appointmentType={priority}&_count={count}&status=free&_include=Slot:schedule&page={page}")
    Bundle retrieveSlots(@HeaderMap Map<String, Object> headers, @Param("clinician") String clinician,
                         @Param("service") String serviceId, @Param("priority") String priority,
                         @Param("count") int count, @Param("page") int page);

    @ErsApiOperation(ErsOperation.A016)
    @RequestLine("POST /STU3/Appointment")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    Appointment bookOrDefer(@HeaderMap Map<String, Object> headers, Appointment body);

    @ErsApiOperation(ErsOperation.A036)
    @RequestLine("POST /STU3/ReferralRequest/{ubrn}/$ers.cancelReferral")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    Parameters cancelReferral(@HeaderMap Map<String, Object> headers, @Param("ubrn") String ubrn, Parameters body);

    @ErsApiOperation(ErsOperation.A008)
    @RequestLine("POST /STU3/ReferralRequest/$ers.fetchworklist")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    ListResource fetchWorklist(@HeaderMap Map<String, Object> headers, Parameters body);

    /** Only the referral's current version may be asked about; the answer is one proposed Task per action. */
    @ErsApiOperation(ErsOperation.A029)
    @RequestLine("GET /STU3/Task?focus=ReferralRequest/{ubrn}/_history/{version}&intent=proposal&status=ready")
    Bundle availableActions(@HeaderMap Map<String, Object> headers, @Param("ubrn") String ubrn,
                            @Param("version") String version);

    @ErsApiOperation(ErsOperation.A031)
    @RequestLine("POST /STU3/ReferralRequest/{ubrn}/$ers.changeShortlist")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    ReferralRequest changeShortlist(@HeaderMap Map<String, Object> headers, @Param("ubrn") String ubrn, Parameters body);

    @ErsApiOperation(ErsOperation.A032)
    @RequestLine("POST /STU3/ReferralRequest/{ubrn}/$ers.changeShortlistAndSendForTriage")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    Parameters changeShortlistAndSendForTriage(@HeaderMap Map<String, Object> headers, @Param("ubrn") String ubrn,
                                               Parameters body);

    @ErsApiOperation(ErsOperation.A038)
    @RequestLine("GET /STU3/Appointment/{id}")
    Appointment retrieveAppointment(@HeaderMap Map<String, Object> headers, @Param("id") String appointmentId);

    /** The whole appointment goes back with the change; cancelling is the only change e-RS allows. */
    @ErsApiOperation(ErsOperation.A034)
    @RequestLine("PUT /STU3/Appointment/{id}")
    @Headers(CONTENT_TYPE_FHIR_JSON)
    Appointment updateAppointment(@HeaderMap Map<String, Object> headers, @Param("id") String appointmentId,
                                  Appointment body);
}
