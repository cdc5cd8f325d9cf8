package org.ersreferral.simulator;

import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.dstu3.model.BooleanType;
import org.hl7.fhir.dstu3.model.Extension;
import org.hl7.fhir.dstu3.model.Identifier;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Reference;
import org.hl7.fhir.dstu3.model.StringType;
import org.hl7.fhir.dstu3.model.UnsignedIntType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A010: services the patient may be referred to, filtered by the seeded commissioning rules. */
@RestController
@ErsFhirApi
@ConditionalOnSimulator
@RequestMapping(FhirIo.FHIR_PATH)
class ServiceSearchController {

    private static final String SUMMARY = FhirIo.ERS_SD + "Extension-eRS-ServiceSummaryView-1";

    private final FhirIo fhir;
    private final SimServiceRepository services;

    ServiceSearchController(FhirIo fhir, SimServiceRepository services) {
        this.fhir = fhir;
        this.services = services;
    }

    @ErsOperation("A010")
    @PostMapping("/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient")
    ResponseEntity<String> search(@RequestBody(required = false) String body) {
        Parameters request = fhir.parse(Parameters.class, body);
        String nhsNumber = Params.identifier(request, "patient");
        if (nhsNumber == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "Parameter 'patient' (the patient's NHS number) is required.");
        }
        if (!Params.validNhsNumber(nhsNumber)) {
            throw ErsError.unprocessable("INVALID_VALUE", "Parameter 'patient' is not a valid NHS number.");
        }
        if (!(Params.resource(request, "searchCriteria") instanceof Parameters criteria)) {
            throw ErsError.unprocessable("MISSING_VALUE", "Parameter 'searchCriteria' (a Parameters resource) is required.");
        }
        String priority = Params.code(criteria, "priority");
        if (priority == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "Search criterion 'priority' is required.");
        }
        if (!SeedData.PRIORITIES.containsKey(priority)) {
            throw ErsError.unprocessable("INVALID_CODE", "Priority '" + priority + "' is not an e-RS priority code.");
        }
        String specialty = Params.code(criteria, "specialty");
        if (specialty != null && !SeedData.SPECIALTIES.containsKey(specialty)) {
            throw ErsError.unprocessable("INVALID_CODE", "Specialty '" + specialty + "' is not in the SPECIALTY code system (A004).");
        }
        String clinicType = Params.code(criteria, "clinicType");
        String namedClinician = Params.identifier(criteria, "namedClinician");
        if (specialty == null && namedClinician == null && Params.find(criteria, "clinicalTerm") == null) {
            throw ErsError.unprocessable("MISSING_VALUE",
                    "Search criteria need a 'specialty', a 'namedClinician' or a 'clinicalTerm'.");
        }
        String requestType = Params.code(request, "requestType");
        boolean byWaitTime = "IWT".equals(Params.code(request, "sortBy"));
        List<SimService> found = "ADVICE_AND_GUIDANCE_REQUEST".equals(requestType) ? List.of()
                : services.findAllByOrderByIdAsc().stream()
                .filter(s -> s.accepts(priority))
                .filter(s -> specialty == null || specialty.equals(s.specialty()))
                .filter(s -> clinicType == null || clinicType.equals(s.clinicType()))
                .filter(s -> namedClinician == null || namedClinician.equals(s.clinician()))
                .sorted(byWaitTime ? Comparator.comparingInt(SimService::waitDays)
                        : Comparator.comparingDouble(SimService::distanceMiles))
                .toList();
        return fhir.respond(HttpStatus.OK, list(found, Params.string(criteria, "postcode") != null));
    }

    private static ListResource list(List<SimService> found, boolean withDistance) {
        String base = FhirIo.baseUrl();
        ListResource list = new ListResource();
        list.getMeta().addProfile(FhirIo.ERS_SD + "eRS-FetchServices-List-1");
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        if (found.isEmpty()) {
            list.setEmptyReason(FhirIo.concept("http://hl7.org/fhir/ValueSet/list-empty-reason", "nilknown", "no results"));
        }
        for (SimService s : found) {
            ListResource.ListEntryComponent entry = list.addEntry();
            Extension listItem = entry.addExtension().setUrl(FhirIo.ERS_SD + "Extension-eRS-ServiceSearch-ListItem-1");
            listItem.addExtension("displayProminently", new BooleanType(false));
            if (withDistance) {
                listItem.addExtension("distance", new UnsignedIntType((int) Math.round(s.distanceMiles())));
            }
            listItem.addExtension("indicativeAppointmentWaitTime", new UnsignedIntType(s.waitDays()));
            Reference item = new Reference();
            item.setIdentifier(new Identifier().setSystem(FhirIo.ERS_SERVICE).setValue(s.id()));
            Extension summary = item.addExtension().setUrl(SUMMARY);
            summary.addExtension("serviceName", new StringType(s.name()));
            summary.addExtension("specialty", FhirIo.concept(base + "/STU3/CodeSystem/SPECIALTY", s.specialty(), null));
            summary.addExtension("genderTreated", FhirIo.concept(FhirIo.ERS_CS + "eRS-GenderTreated-1", "MALE_AND_FEMALE", null));
            summary.addExtension("bookableType", FhirIo.concept(FhirIo.ERS_CS + "eRS-BookableType-1", s.bookableType(), null));
            summary.addExtension("supportedAppointmentType",
                    FhirIo.concept(FhirIo.ERS_CS + "eRS-AppointmentType-1", "CLINIC", null));
            summary.addExtension("referralLetterRequired", new BooleanType(true));
            Reference location = new Reference().setDisplay(s.locationName());
            location.setIdentifier(new Identifier().setSystem("https://directory.spineservices.nhs.uk/STU3/Organization")
                    .setValue(s.locationOds()));
            summary.addExtension("location", location);
            summary.addExtension("linkToNHSWebsite",
                    new StringType("https://www.nhs.uk/service-search/other-services/chooseandbook?serviceId=" + s.id()));
            summary.addExtension("supportedRequestFlowType", FhirIo.concept(FhirIo.ERS_CS + "eRS-RequestFlowType-1",
                    s.triage() ? "TRIAGE_REQUEST" : "APPOINTMENT_REQUEST", null));
            entry.setItem(item);
        }
        return list;
    }
}
