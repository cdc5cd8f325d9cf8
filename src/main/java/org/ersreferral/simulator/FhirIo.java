package org.ersreferral.simulator;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.dstu3.model.CodeableConcept;
import org.hl7.fhir.dstu3.model.Coding;
import org.hl7.fhir.dstu3.model.OperationOutcome;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Reads and writes FHIR STU3 JSON with the application's shared {@link FhirContext}. */
@Component
@ConditionalOnSimulator
class FhirIo {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");
    static final String FHIR_PATH = "/ers-sim/FHIR";

    static final String ERS_SD = "https://fhir.nhs.uk/STU3/StructureDefinition/";
    static final String ERS_CS = "https://fhir.nhs.uk/STU3/CodeSystem/";
    static final String NHS_NUMBER = "http://fhir.nhs.net/Id/nhs-number";
    static final String ERS_SERVICE = "http://fhir.nhs.net/Id/ers-service";
    static final String SDS_USER = "http://fhir.nhs.net/Id/sds-user-id";
    static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String OUTCOME_PROFILE = ERS_SD + "eRS-OperationOutcome-1";

    private final FhirContext fhirContext;

    FhirIo(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Parses a request body; a body that is not the expected FHIR resource is e-RS's 422 INVALID_VALUE. */
    <T extends IBaseResource> T parse(Class<T> type, String body) {
        if (body == null || body.isBlank()) {
            throw ErsError.unprocessable("MISSING_VALUE", "The request body is empty; a " + type.getSimpleName()
                    + " resource is required.");
        }
        try {
            return parser().parseResource(type, body);
        } catch (DataFormatException | ClassCastException e) {
            throw ErsError.unprocessable("INVALID_VALUE", "The request body is not a valid FHIR STU3 "
                    + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    String json(IBaseResource resource) {
        return parser().encodeResourceToString(resource);
    }

    ResponseEntity<String> respond(HttpStatus status, IBaseResource resource) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(json(resource));
    }

    /** A versioned resource: e-RS sends the version as a weak ETag. */
    ResponseEntity<String> respond(HttpStatus status, IBaseResource resource, int version) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).eTag("W/\"" + version + "\"").body(json(resource));
    }

    /** The eRS-OperationOutcome-1 shape of the official error examples. */
    static OperationOutcome outcome(String issueCode, String errorCode, String display, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.getMeta().addProfile(OUTCOME_PROFILE);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue();
        issue.setSeverity(OperationOutcome.IssueSeverity.ERROR);
        issue.setCode(OperationOutcome.IssueType.fromCode(issueCode));
        Coding coding = new Coding().setSystem(ERS_CS + "eRS-APIErrorCode-1").setCode(errorCode);
        if (display != null) {
            coding.setDisplay(display);
        }
        issue.setDetails(new CodeableConcept().addCoding(coding));
        issue.setDiagnostics(diagnostics);
        return outcome;
    }

    /** Base URL of this simulator's FHIR API as the caller sees it; it stands for {@code _baseUrl_}. */
    static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(FHIR_PATH).build().toUriString();
    }

    static Coding coding(String system, String code, String display) {
        Coding coding = new Coding().setSystem(system).setCode(code);
        if (display != null) {
            coding.setDisplay(display);
        }
        return coding;
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(coding(system, code, display));
    }

    private IParser parser() {
        // e-RS references name the referral version (ReferralRequest/<ubrn>/_history/<n>); HAPI would strip it.
        return fhirContext.newJsonParser().setStripVersionsFromReferences(false);
    }
}
