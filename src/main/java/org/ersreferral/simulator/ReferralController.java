package org.ersreferral.simulator;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.dstu3.model.DocumentReference;
import org.hl7.fhir.dstu3.model.InstantType;
import org.hl7.fhir.dstu3.model.ListResource;
import org.hl7.fhir.dstu3.model.Parameters;
import org.hl7.fhir.dstu3.model.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Referral operations: A011 and A021 create, A012 letter, A005 read, A019 patient letter, A036 cancel. */
@RestController
@ErsFhirApi
@ConditionalOnSimulator
@RequestMapping(FhirIo.FHIR_PATH + "/STU3/ReferralRequest")
class ReferralController {

    private final FhirIo fhir;
    private final ReferralDesk desk;
    private final ReferralMapper mapper;
    private final PatientLetterWriter letters;

    ReferralController(FhirIo fhir, ReferralDesk desk, ReferralMapper mapper, PatientLetterWriter letters) {
        this.fhir = fhir;
        this.desk = desk;
        this.mapper = mapper;
        this.letters = letters;
    }

    @ErsOperation("A011")
    @PostMapping("/$ers.createReferral")
    ResponseEntity<String> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        return created(desk.create(newReferral(body, request), false));
    }

    @ErsOperation("A021")
    @PostMapping("/$ers.createReferralAndSendForTriage")
    ResponseEntity<String> createAndSendForTriage(@RequestBody(required = false) String body, HttpServletRequest request) {
        return created(desk.create(newReferral(body, request), true));
    }

    private ResponseEntity<String> created(SimReferral referral) {
        return fhir.respond(HttpStatus.CREATED, mapper.referral(referral), referral.version());
    }

    private ReferralDesk.NewReferral newReferral(String body, HttpServletRequest request) {
        Parameters parameters = fhir.parse(Parameters.class, body);
        String nhsNumber = Params.identifier(parameters, "patient");
        if (nhsNumber == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "Parameter 'patient' (the patient's NHS number) is required.");
        }
        if (!Params.validNhsNumber(nhsNumber)) {
            throw ErsError.unprocessable("INVALID_VALUE", "Parameter 'patient' is not a valid NHS number.");
        }
        Object businessFunction = request.getAttribute(ErsGatekeeper.ACTING_ROLE);
        String clinician = Params.identifier(parameters, "referringClinician");
        if ("REFERRING_CLINICIAN_ADMIN".equals(businessFunction) && clinician == null) {
            throw ErsError.unprocessable("MISSING_VALUE", "A REFERRING_CLINICIAN_ADMIN must name the referring "
                    + "clinician (parameter 'referringClinician').");
        }
        ShortlistParameter shortlist = ShortlistParameter.of(parameters);
        Parameters criteria = shortlist.criteria();
        String priority = Params.code(criteria, "priority");
        if (priority == null || !SeedData.PRIORITIES.containsKey(priority)) {
            throw ErsError.unprocessable(priority == null ? "MISSING_VALUE" : "INVALID_CODE",
                    "Search criterion 'priority' must be one of " + String.join(", ", SeedData.PRIORITIES.keySet()) + ".");
        }
        List<String> serviceIds = shortlist.serviceIds();
        Instant pathwayStart = null;
        Parameters.ParametersParameterComponent start = Params.find(parameters, "eReferralPathwayStart");
        if (start != null && start.getValue() instanceof InstantType instant) {
            pathwayStart = instant.getValue().toInstant();
        }
        String ods = ErsGatekeeper.actingOds(request);
        String specialty = shortlist.specialty();
        return new ReferralDesk.NewReferral(nhsNumber, priority, specialty,
                Params.code(criteria, "clinicType"), serviceIds, clinician, ods == null ? "R69" : ods,
                "r." + ErsGatekeeper.requestId(request), pathwayStart, fhir.json(criteria));
    }

    @ErsOperation("A012")
    @PostMapping("/{ubrn}/$ers.maintainReferralLetter")
    ResponseEntity<String> maintainLetter(@PathVariable String ubrn, @RequestBody(required = false) String body,
                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                          HttpServletRequest request) {
        Parameters parameters = fhir.parse(Parameters.class, body);
        List<String> binaryIds = new ArrayList<>();
        for (Parameters.ParametersParameterComponent p : Params.all(parameters, "referralLetterFile")) {
            if (!(p.getResource() instanceof DocumentReference document) || document.getContent().isEmpty()) {
                throw ErsError.unprocessable("MISSING_VALUE", "Each 'referralLetterFile' must be a DocumentReference "
                        + "with content.attachment.url = Binary/<id> from A020.");
            }
            String url = document.getContentFirstRep().getAttachment().getUrl();
            if (url == null || !url.matches("(.*/)?Binary/[^/]+")) {
                throw ErsError.unprocessable("INVALID_VALUE", "Attachment url '" + url + "' is not Binary/<id> from A020.");
            }
            binaryIds.add(url.substring(url.lastIndexOf('/') + 1));
        }
        SimReferral referral = desk.maintainLetter(ubrn, ErsGatekeeper.actingOds(request), ifMatch, binaryIds);
        return fhir.respond(HttpStatus.OK, mapper.referral(referral), referral.version());
    }

    @ErsOperation("A005")
    @GetMapping("/{ubrn}")
    ResponseEntity<String> read(@PathVariable String ubrn, HttpServletRequest request) {
        SimReferral referral = desk.find(ubrn, ErsGatekeeper.actingOds(request));
        return fhir.respond(HttpStatus.OK, mapper.referral(referral), referral.version());
    }

    /** A005 (versioned): the simulator keeps only the current version of a referral. */
    @ErsOperation("A005")
    @GetMapping("/{ubrn}/_history/{version}")
    ResponseEntity<String> readVersion(@PathVariable String ubrn, @PathVariable String version, HttpServletRequest request) {
        SimReferral referral = desk.find(ubrn, ErsGatekeeper.actingOds(request));
        if (!version.equals(String.valueOf(referral.version()))) {
            throw ErsError.notFound("Version " + version + " of referral " + ubrn + " is not available; the current version is "
                    + referral.version() + ".");
        }
        return fhir.respond(HttpStatus.OK, mapper.referral(referral), referral.version());
    }

    @ErsOperation("A019")
    @PostMapping("/{ubrn}/$ers.generatePatientLetter")
    ResponseEntity<byte[]> patientLetter(@PathVariable String ubrn, HttpServletRequest request) {
        SimReferral referral = desk.find(ubrn, ErsGatekeeper.actingOds(request));
        PatientLetterWriter.Letter letter = letters.write(referral);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .contentLength(letter.pdf().length)
                .header("Content-Disposition", ContentDisposition.attachment().filename(letter.fileName()).build().toString())
                .body(letter.pdf());
    }

    @ErsOperation("A036")
    @PostMapping("/{ubrn}/$ers.cancelReferral")
    ResponseEntity<String> cancel(@PathVariable String ubrn, @RequestBody(required = false) String body,
                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                  HttpServletRequest request) {
        Parameters parameters = fhir.parse(Parameters.class, body);
        SimReferral referral = desk.cancel(ubrn, ErsGatekeeper.actingOds(request), ifMatch, Params.code(parameters, "cancellationReason"),
                Params.string(parameters, "cancellationComments"));
        Parameters answer = new Parameters();
        answer.getMeta().addProfile(FhirIo.ERS_SD + "eRS-CancelReferral-Response-Parameters-1");
        answer.addParameter().setName("updatedReferralRequest").setResource(mapper.referral(referral));
        if (referral.hasAppointment()) {
            answer.addParameter().setName("updatedAppointment").setResource(mapper.appointment(referral, referral.appointmentId()));
        }
        return fhir.respond(HttpStatus.OK, answer, referral.version());
    }
}
